"use client";

import { useParams, usePathname } from "next/navigation";
import { Link } from "@/i18n/link";

/** A section's address and its name, translated by the layout (the page then carries no `Console` messages). */
export type ConsoleNavItem = { href: string; label: string };

/** The console's sections the viewer may open; the current one is marked for screen readers. */
export function ConsoleNav({ label, items }: { label: string; items: ConsoleNavItem[] }) {
  const { locale } = useParams<{ locale: string }>();
  // The address without its locale prefix, as the items name it.
  const pathname = usePathname().slice(`/${locale}`.length) || "/";
  return (
    <nav aria-label={label}>
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {items.map((item) => {
          const current = item.href === "/admin" ? pathname === "/admin" : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className="nav-link"
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
