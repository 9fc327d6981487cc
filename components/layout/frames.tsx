"use client";

// The console's frame and the 403 and 404 page, in one client module: the 403 and 404 boundaries are
// in every page's payload, and sharing the frame's module (and its chunk, with the language switch
// and Link) keeps them from bringing a chunk of their own to every page.

import type { ReactNode } from "react";
import { Link } from "@/i18n/link";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { ConsoleNav, type ConsoleNavItem } from "@/components/console/console-nav";

/** The frame's words, translated by the layout. */
export type ConsoleFrameWords = { title: string; backToStudio: string; signOut: string; navLabel: string };

/**
 * The console's frame around each page: header (organization, language, sign-out) and navigation.
 * Styled by `.console` (app/globals.css). A client component though it keeps no state: every console
 * page's payload then carries its words and the navigation's items, not its elements a second time
 * beside the HTML. The sign-out is a plain form (a server action): it works before any script runs.
 */
export function ConsoleFrame({
  words,
  organizationName,
  items,
  signOutAction,
  children,
}: {
  words: ConsoleFrameWords;
  organizationName: string;
  items: ConsoleNavItem[];
  signOutAction: () => Promise<void>;
  children: ReactNode;
}) {
  return (
    <div className="console">
      <header>
        <div>
          <Link href="/admin">{words.title}</Link>
          <span aria-hidden="true">/</span>
          <span data-testid="organization-name">{organizationName}</span>
          <div className="console-tools">
            <Link href="/studio" className="header-link">{words.backToStudio}</Link>
            <LocaleSwitcher />
            <form action={signOutAction}>
              <button type="submit" className="header-action">
                {words.signOut}
              </button>
            </form>
          </div>
        </div>
      </header>
      <div className="console-body">
        <aside>
          <ConsoleNav label={words.navLabel} items={items} />
        </aside>
        <main id="main">{children}</main>
      </div>
    </div>
  );
}

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
