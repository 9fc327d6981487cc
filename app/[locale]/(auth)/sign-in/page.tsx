import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Notice } from "@/components/ui/card";
import { SignInForm } from "./sign-in-form";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";
import { ClientMessages } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("SignIn.title");

// Why the last session of this browser ended, as the request gate found it.
const endings = ["sessionEnded", "expired", "endedByOwner", "passwordChanged", "passwordReset", "signedOutByAdmin", "demoted"] as const;

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; reset?: string | string[]; ended?: string | string[] }> }) {
  const t = await getTranslations("SignIn");
  const tSso = await getTranslations("Sso");
  const { callbackUrl, reset, ended } = await searchParams;
  const ending = endings.find((item) => item === ended);
  return (
    <ClientMessages namespaces={["SignIn", "Errors"]}>
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro")} />
        {ending ? (
          <div role="status" data-testid="session-ended">
            <Notice tone="info">{t(`ended.${ending}`)}</Notice>
          </div>
        ) : null}
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
    </ClientMessages>
  );
}
