import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { SignUpForm } from "./sign-up-form";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";
import { ClientMessages } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("SignUp.title");

export default async function SignUpPage() {
  const t = await getTranslations("SignUp");
  return (
    <ClientMessages namespaces={["SignUp", "Errors"]}>
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro")} />
        <SignUpForm />
        <p className="text-sm text-slate-700">
          {t("haveAccount")}{" "}
          <Link href="/sign-in" className="font-semibold text-indigo-700 underline">
            {t("signIn")}
          </Link>
        </p>
      </div>
    </ClientMessages>
  );
}
