import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { titleFrom } from "@/i18n/metadata";

export const generateMetadata = titleFrom("Sso.errorTitle");

const reasons = [
  "invalidResponse",
  "invalidSignature",
  "wrongAudience",
  "wrongRecipient",
  "expired",
  "unknownRequest",
  "replayed",
  "missingEmail",
  "outsideVerifiedDomains",
  "otherOrganization",
  "ssoUnavailable",
] as const;

/** Where every refused SAML response lands: what went wrong, in the person's language, and no session. */
export default async function SsoErrorPage({ searchParams }: { searchParams: Promise<{ reason?: string | string[] }> }) {
  const t = await getTranslations("Sso");
  const { reason } = await searchParams;
  const known = reasons.find((item) => item === reason) ?? "invalidResponse";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("errorTitle")}</h1>
      <p role="alert" data-reason={known}>{t(`errors.${known}`)}</p>
      <div className="flex flex-wrap gap-4">
        <Link href="/sso" className="font-semibold text-indigo-700 underline">{t("tryAgain")}</Link>
        <Link href="/sign-in" className="font-semibold text-indigo-700 underline">{t("backToSignIn")}</Link>
      </div>
    </div>
  );
}
