import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { StatusPage } from "@/components/layout/status-page";

export default async function NotFound() {
  const t = await getTranslations("NotFound");
  return (
    <StatusPage title={t("title")} body={t("body")}>
      <Link href="/">{t("home")}</Link>
    </StatusPage>
  );
}
