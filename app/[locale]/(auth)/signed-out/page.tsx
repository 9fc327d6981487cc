import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { titleFrom } from "@/i18n/metadata";
import { PageHeader } from "@/components/ui/page-header";

export const generateMetadata = titleFrom("SignedOut.title");

const reasons = ["accountDeleted", "organizationDeleted", "organizationScheduledForDeletion", "left", "passwordReset"] as const;

export default async function SignedOutPage({ searchParams }: { searchParams: Promise<{ reason?: string | string[] }> }) {
  const t = await getTranslations("SignedOut");
  const { reason } = await searchParams;
  const known = reasons.find((item) => item === reason);
  return (
    <div className="space-y-4" role="status">
      <PageHeader title={t("title")} intro={known ? t(known) : t("default")} />
      <div className="flex flex-wrap gap-4">
        <Link href="/sign-in" className="font-semibold text-indigo-700 underline">
          {t("signIn")}
        </Link>
        <Link href="/sign-up" className="font-semibold text-indigo-700 underline">
          {t("createOrganization")}
        </Link>
      </div>
    </div>
  );
}
