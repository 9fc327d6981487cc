import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Notice } from "@/components/ui/card";
import { SignInForm } from "./sign-in-form";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";

export const generateMetadata = titleFrom("SignIn.title");

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; reset?: string | string[] }> }) {
  const t = await getTranslations("SignIn");
  const tSso = await getTranslations("Sso");
  const { callbackUrl, reset } = await searchParams;
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      {reset === "done" ? (
        <div role="status">
          <Notice tone="success">{t("passwordReset")}</Notice>
        </div>
      ) : null}
      <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : ""} />
      <Link href="/forgot-password" className="inline-block font-semibold text-indigo-700 underline">
        {t("forgotPassword")}
      </Link>
      <Link
        href={{ pathname: "/sso", query: typeof callbackUrl === "string" ? { callbackUrl } : {} }}
        className="inline-block font-semibold text-indigo-700 underline"
      >
        {tSso("useSso")}
      </Link>
      <p className="text-sm text-slate-700">
        {t("noAccount")}{" "}
        <Link href="/sign-up" className="font-semibold text-indigo-700 underline">
          {t("createOrganization")}
        </Link>
      </p>
    </div>
  );
}
