"use client";

import type { ReactNode } from "react";

/**
 * The markup of PageHeader (page-header.tsx). A client component though it keeps no state: each
 * page's payload then carries its title and intro, not its elements a second time beside the HTML.
 */
export function PageHeading({ title, intro, children }: { title: ReactNode; intro?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {intro ? <p>{intro}</p> : null}
      {children}
    </div>
  );
}
