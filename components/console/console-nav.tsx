"use client";

import { useTranslations } from "next-intl";
import { useParams, usePathname } from "next/navigation";
import { Link } from "@/i18n/link";
import type { ConsoleSectionLabel } from "@/lib/core/console-sections";

export type ConsoleNavItem = { href: string; label: ConsoleSectionLabel | "help" };

/** The console's sections the viewer may open; the current one is marked for screen readers. */
export function ConsoleNav({ items }: { items: ConsoleNavItem[] }) {
  const t = useTranslations("Console");
  const { locale } = useParams<{ locale: string }>();
  // The address without its locale prefix, as the items name it.
  const pathname = usePathname().slice(`/${locale}`.length) || "/";
  return (
    <nav aria-label={t("navLabel")}>
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {items.map((item) => {
          const current = item.href === "/admin" ? pathname === "/admin" : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${
                  current ? "bg-indigo-50 text-indigo-800" : "text-slate-700 hover:bg-slate-100"
                }`}
              >
                {t(item.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
