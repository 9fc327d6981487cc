"use client";

import type { ReactNode } from "react";
import { Link } from "@/i18n/link";

/**
 * The markup of PageHeader (page-header.tsx). A client component though it keeps no state: each
 * page's payload then carries its title, intro and help link's words, not its elements a second
 * time beside the HTML.
 */
export function PageHeading({ title, intro, help }: { title: ReactNode; intro?: ReactNode; help?: { href: string; label: string } }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {intro ? <p>{intro}</p> : null}
      {help ? (
        <p className="text-sm print:hidden">
          <Link href={help.href} className="link" data-testid="help-link">
            {help.label}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
