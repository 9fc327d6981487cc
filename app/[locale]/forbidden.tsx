import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/layout/frames";

export default async function Forbidden() {
  const t = await getTranslations("Forbidden");
  return <StatusPage title={t("title")} body={t("body")} detail={t("askAdmin")} link={{ href: "/admin", label: t("back") }} />;
}
