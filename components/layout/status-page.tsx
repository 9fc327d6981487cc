import type { ReactNode } from "react";
import { LocaleSwitcher } from "./locale-switcher";

/**
 * A plain page for 403, 404 and signed-out states: a heading, what happened, what to do next.
 * Styled by `.status-page` (app/globals.css): the 403 and 404 boundaries are in every page's payload.
 */
export function StatusPage({ title, body, detail, children }: { title: string; body: string; detail?: string; children?: ReactNode }) {
  return (
    <div className="status-page">
      <header>
        <LocaleSwitcher />
      </header>
      <main id="main">
        <h1>{title}</h1>
        <p>{body}</p>
        {detail ? <p>{detail}</p> : null}
        {children ? <div>{children}</div> : null}
      </main>
    </div>
  );
}
