import type { Metadata } from "next";
import { and, count, eq } from "drizzle-orm";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import type { AppLocale } from "@/i18n/locales";
import { Card } from "@/components/ui/card";
import { HelpLink } from "@/components/help/help-link";
import { requirePermission } from "@/lib/auth/viewer";
import { SessionsList } from "@/components/sessions/sessions-list";
import { listOwnSessions } from "@/lib/sessions/sessions";
import { endOtherSessionsAction, endSessionAction } from "./actions";
import { LeaveForm } from "./leave-form";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Profile");
  return { title: t("title") };
}

type Search = { saved?: string; sessions?: string; sessionError?: string };

export default async function ProfilePage({ searchParams }: { searchParams: Promise<Search> }) {
  const locale = (await getLocale()) as AppLocale;
  const viewer = await requirePermission(locale, "/admin/profile", "profile.edit");
  const t = await getTranslations("Profile");
  const { saved, sessions: sessionsNotice, sessionError } = await searchParams;
  const db = await getDb();
  const sessions = await listOwnSessions(db, viewer);
  const sessionsOutcome = sessionError === "notFound" ? "notFound" : sessionsNotice === "ended" || sessionsNotice === "othersEnded" ? sessionsNotice : undefined;
  const [admins] = await db
    .select({ value: count() })
    .from(users)
    .where(and(eq(users.organizationId, viewer.organization.id), eq(users.role, "admin")));
  const lastAdmin = viewer.role === "admin" && (admins?.value ?? 0) <= 1;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
        <HelpLink article="authentication" section="sign-in-today" />
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
      <Card title={t("sessionsTitle")} id="sessions">
        <SessionsList
          sessions={sessions.ok ? sessions.sessions : []}
          endSessionAction={endSessionAction}
          endOtherSessionsAction={endOtherSessionsAction}
          outcome={sessionsOutcome}
        />
      </Card>
      <section aria-labelledby="leave-title" className="rounded-lg border-2 border-red-300 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="leave-title" className="mb-2 text-lg font-semibold text-red-800">
          {t("leaveTitle")}
        </h2>
        <p className="mb-4 text-slate-700">{t("leaveBody", { organization: viewer.organization.name })}</p>
        {lastAdmin ? <p className="font-medium text-slate-900">{t("leaveLastAdmin")}</p> : <LeaveForm email={viewer.email} />}
      </section>
    </div>
  );
}
