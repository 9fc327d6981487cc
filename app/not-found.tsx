"use client";

import "./globals.css";

// Reached only for addresses outside any locale; it speaks both languages. Plain links: going to a
// locale changes the root layout, which is a full page load anyway, and next/link here would put a
// second copy of Next's link code on every console page (this boundary is part of each page). A client
// component: each page's payload then carries a reference to it, not its elements.
export default function GlobalNotFound() {
  return (
    <html lang="en">
      {/* Styled by `.global-status` (app/globals.css): this tree is in every page's payload. */}
      <body className="global-status">
        <main>
          <h1>Page not found</h1>
          <p>
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- another root layout: a full load either way */}
            <a href="/en">Go to the console</a>
          </p>
          <h2 lang="fr">Page introuvable</h2>
          <p lang="fr">
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- another root layout: a full load either way */}
            <a href="/fr">Aller à la console</a>
          </p>
        </main>
      </body>
    </html>
  );
}
