import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Link } from "@/i18n/navigation";
import { lookupPasswordReset } from "@/lib/auth/password-reset";
import { ResetPasswordForm } from "./reset-password-form";
import { PageHeader } from "@/components/ui/page-header";
import { ClientMessages } from "@/components/i18n/client-messages";

type SearchParams = Promise<{ token?: string | string[] }>;

async function linkOf(searchParams: SearchParams) {
  const { token } = await searchParams;
  return { ...(await lookupPasswordReset(await getDb(), token)), token: typeof token === "string" ? token : "" };
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const t = await getTranslations("ResetPassword");
  const link = await linkOf(searchParams);
  return { title: link.status === "valid" ? t("title") : t(`${link.status}.title`), referrer: "same-origin" };
}

/** Where the emailed reset link leads: a new-password form, or why the link no longer works. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const t = await getTranslations("ResetPassword");
  const link = await linkOf(searchParams);
  if (link.status !== "valid") {
    return (
      <div className="space-y-4" data-testid={`reset-${link.status}`}>
        <PageHeader title={t(`${link.status}.title`)} intro={t(`${link.status}.body`)} />
        {link.status === "ssoRequired" ? (
          <Link href="/sso" className="inline-block font-semibold text-indigo-700 underline">{t("useSso")}</Link>
        ) : (
          <Link href="/forgot-password" className="inline-block font-semibold text-indigo-700 underline">{t("askAgain")}</Link>
        )}
      </div>
    );
  }
  return (
    <ClientMessages namespaces={["ResetPassword", "Errors"]}>
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro", { email: link.email })} />
        <ResetPasswordForm token={link.token} email={link.email} />
      </div>
    </ClientMessages>
  );
}
