"use client";

import type { ReactNode } from "react";

/**
 * The red-bordered section at the bottom of the page that holds the irreversible actions. Styled by
 * `.danger-zone` (app/globals.css), as its class strings were a large share of the page's HTML. A
 * client component (no state): the page's payload carries its words, not its elements a second time.
 */
export function DangerZone({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <section aria-labelledby="danger-zone-title" className="danger-zone">
      <div>
        <h2 id="danger-zone-title">{title}</h2>
        <p>{intro}</p>
      </div>
      <div>{children}</div>
    </section>
  );
}

/** One irreversible action: what it removes, what stays, and its own confirmation. */
export function DangerAction({ id, title, whatGoes, whatStays, irreversible, children }: {
  id: string;
  title: string;
  whatGoes: string;
  whatStays: string;
  irreversible: string;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="danger-action">
      <h3 id={`${id}-title`}>{title}</h3>
      <ul>
        <li>{whatGoes}</li>
        <li>{whatStays}</li>
        <li>{irreversible}</li>
      </ul>
      {children}
    </section>
  );
}
