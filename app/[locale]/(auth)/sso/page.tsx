import { getTranslations } from "next-intl/server";
import { SsoEmailForm } from "@/components/authentication/sso-email-form";
import { Link } from "@/i18n/navigation";
import { startSsoAction } from "./actions";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";
import { ClientMessages } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("Sso.pageTitle");

export default async function SsoPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const t = await getTranslations("Sso");
  const { callbackUrl } = await searchParams;
  return (
    <ClientMessages namespaces={["Sso", "Errors"]}>
      <div className="space-y-6">
        <PageHeader title={t("pageTitle")} intro={t("intro")} />
        <SsoEmailForm action={startSsoAction} callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
        <Link href="/sign-in" className="inline-block font-semibold text-indigo-700 underline">{t("usePassword")}</Link>
      </div>
    </ClientMessages>
  );
}
