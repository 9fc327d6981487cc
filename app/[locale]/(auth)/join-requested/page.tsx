import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { titleFrom } from "@/i18n/metadata";

export const generateMetadata = titleFrom("AuthenticationPage.joinRequested.title");

/** Where sign-up lands when the email's domain belongs to an organization whose Admins approve newcomers. */
export default async function JoinRequestedPage() {
  const t = await getTranslations("AuthenticationPage.joinRequested");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p role="status">{t("body")}</p>
      <p>{t("next")}</p>
      <Link href="/sign-in" className="font-semibold text-indigo-700 underline">{t("signIn")}</Link>
    </div>
  );
}
