"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/i18n/link";
import { StatusPage } from "@/components/layout/status-page";

// A client component, as not-found.tsx: every page's payload carries this boundary.
export default function Forbidden() {
  const t = useTranslations("Forbidden");
  return (
    <StatusPage title={t("title")} body={t("body")} detail={t("askAdmin")}>
      <Link href="/admin">{t("back")}</Link>
    </StatusPage>
  );
}
