"use client";

import { useLocale, useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { Link } from "@/i18n/link";

/** A plain link to the same page in the other language; works with JavaScript off. */
export function LocaleSwitcher() {
  const t = useTranslations("LocaleSwitcher");
  const locale = useLocale();
  const other = locale === "fr" ? "en" : "fr";
  // This page's address without its locale prefix; the link gives it the other one.
  const pathname = usePathname().slice(`/${locale}`.length) || "/";
  return (
    <Link
      href={pathname}
      hrefLang={other}
      lang={other}
      locale={other}
      className="header-action text-indigo-700"
    >
      {t("switchTo")}
    </Link>
  );
}
