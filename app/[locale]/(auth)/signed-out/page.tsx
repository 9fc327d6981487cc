import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("SignedOut");
  return { title: t("title") };
}

const reasons = ["accountDeleted", "organizationDeleted", "left", "passwordReset"] as const;

export default async function SignedOutPage({ searchParams }: { searchParams: Promise<{ reason?: string | string[] }> }) {
  const t = await getTranslations("SignedOut");
  const { reason } = await searchParams;
  const known = reasons.find((item) => item === reason);
  return (
    <div className="space-y-4" role="status">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-slate-700">{known ? t(known) : t("default")}</p>
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
