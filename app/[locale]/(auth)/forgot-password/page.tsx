import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { ForgotPasswordForm } from "./forgot-password-form";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";
import { ClientMessages } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("ForgotPassword.title");

export default async function ForgotPasswordPage() {
  const t = await getTranslations("ForgotPassword");
  return (
    <ClientMessages namespaces={["ForgotPassword", "Errors"]}>
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro")} />
        <ForgotPasswordForm />
        <Link href="/sign-in" className="inline-block font-semibold text-indigo-700 underline">{t("backToSignIn")}</Link>
      </div>
    </ClientMessages>
  );
}
