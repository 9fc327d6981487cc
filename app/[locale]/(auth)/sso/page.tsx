import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SsoEmailForm } from "@/components/authentication/sso-email-form";
import { Link } from "@/i18n/navigation";
import { startSsoAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Sso");
  return { title: t("pageTitle") };
}

export default async function SsoPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const t = await getTranslations("Sso");
  const { callbackUrl } = await searchParams;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("pageTitle")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
      </div>
      <SsoEmailForm action={startSsoAction} callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
      <Link href="/sign-in" className="inline-block font-semibold text-indigo-700 underline">{t("usePassword")}</Link>
    </div>
  );
}
