import "./globals.css";

// Reached only for addresses outside any locale; it speaks both languages. Plain links: going to a
// locale changes the root layout, which is a full page load anyway, and next/link here would put a
// second copy of Next's link code on every console page (this boundary is part of each page).
export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body className="bg-slate-50 p-8 font-sans text-slate-900">
        <main className="mx-auto max-w-xl space-y-3">
          <h1 className="text-2xl font-bold">Page not found</h1>
          <p>
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- another root layout: a full load either way */}
            <a className="underline" href="/en">Go to the console</a>
          </p>
          <h2 className="text-xl font-bold" lang="fr">Page introuvable</h2>
          <p lang="fr">
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- another root layout: a full load either way */}
            <a className="underline" href="/fr">Aller à la console</a>
          </p>
        </main>
      </body>
    </html>
  );
}
