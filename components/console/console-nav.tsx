"use client";

import { useParams, usePathname } from "next/navigation";
import { Link } from "@/i18n/link";

/** A section's address and its name, translated by the layout (the page then carries no `Console` messages). */
export type ConsoleNavItem = readonly [href: string, label: string];

/** The console's sections the viewer may open; the current one is marked for screen readers. */
export function ConsoleNav({ label, items }: { label: string; items: ConsoleNavItem[] }) {
  const { locale } = useParams<{ locale: string }>();
  // The address without its locale prefix, as the items name it.
  const pathname = usePathname().slice(`/${locale}`.length) || "/";
  return (
    <nav aria-label={label}>
      <ul className="nav-list">
        {items.map(([href, label]) => {
          const current = href === "/admin" ? pathname === "/admin" : pathname.startsWith(href);
          return (
            <li key={href}>
              <Link href={href} aria-current={current ? "page" : undefined} className="nav-link">
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
