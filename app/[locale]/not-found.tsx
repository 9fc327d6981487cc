"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/i18n/link";
import { StatusPage } from "@/components/layout/status-page";

// A client component: every page's payload carries this boundary, as a reference and its words (the
// root layout's messages) rather than as elements, which the HTML would carry a second time.
export default function NotFound() {
  const t = useTranslations("NotFound");
  return (
    <StatusPage title={t("title")} body={t("body")}>
      <Link href="/">{t("home")}</Link>
    </StatusPage>
  );
}
