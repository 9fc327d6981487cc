import Link from "next/link";
import "./globals.css";

// Reached only for addresses outside any locale; it speaks both languages.
export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body className="bg-slate-50 p-8 font-sans text-slate-900">
        <main className="mx-auto max-w-xl space-y-3">
          <h1 className="text-2xl font-bold">Page not found</h1>
          <p>
            <Link className="underline" href="/en">Go to the console</Link>
          </p>
          <h2 className="text-xl font-bold" lang="fr">Page introuvable</h2>
          <p lang="fr">
            <Link className="underline" href="/fr">Aller à la console</Link>
          </p>
        </main>
      </body>
    </html>
  );
}
