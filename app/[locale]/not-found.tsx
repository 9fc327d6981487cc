import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/layout/frames";

export default async function NotFound() {
  const t = await getTranslations("NotFound");
  return <StatusPage title={t("title")} body={t("body")} link={{ href: "/", label: t("home") }} />;
}
