"use client";

import { LocaleSwitcher } from "./locale-switcher";
import { Link } from "@/i18n/link";

/**
 * A plain page for 403 and 404: a heading, what happened, what to do next. Styled by `.status-page`
 * (app/globals.css). A client component drawn from its words: the 403 and 404 boundaries are in
 * every page's payload, which then carries their words, not their elements a second time.
 */
export function StatusPage({ title, body, detail, link }: { title: string; body: string; detail?: string; link: { href: string; label: string } }) {
  return (
    <div className="status-page">
      <header>
        <LocaleSwitcher />
      </header>
      <main id="main">
        <h1>{title}</h1>
        <p>{body}</p>
        {detail ? <p>{detail}</p> : null}
        <div>
          <Link href={link.href}>{link.label}</Link>
        </div>
      </main>
    </div>
  );
}
