"use client";

import { useLocale, useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";

/** A plain link to the same page in the other language; works with JavaScript off. */
export function LocaleSwitcher() {
  const t = useTranslations("LocaleSwitcher");
  const locale = useLocale();
  const pathname = usePathname();
  const other = locale === "fr" ? "en" : "fr";
  return (
    <Link
      href={pathname}
      locale={other}
      hrefLang={other}
      lang={other}
      className="whitespace-nowrap rounded px-2 py-1 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline"
    >
      {t("switchTo")}
    </Link>
  );
}
