import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { AppLocale } from "@/i18n/locales";
import { Card } from "@/components/ui/card";
import { requirePermission } from "@/lib/viewer";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Profile");
  return { title: t("title") };
}

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const locale = (await getLocale()) as AppLocale;
  const viewer = await requirePermission(locale, "/admin/profile", "profile.edit");
  const t = await getTranslations("Profile");
  const { saved } = await searchParams;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
      </div>
      <Card title={t("detailsTitle")} id="details">
        <p className="mb-4 text-sm text-slate-700">
          {t("emailLine", { email: viewer.email })}
        </p>
        <ProfileForm name={viewer.name} locale={viewer.locale} justSaved={saved === "1"} />
      </Card>
      <Card title={t("passwordTitle")} id="password">
        <PasswordForm />
      </Card>
    </div>
  );
}
