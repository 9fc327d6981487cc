import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Card } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/viewer";
import { countAdmins, isLastAdmin } from "@/lib/members/members";
import { ConfirmByTypingForm } from "@/components/forms/confirm-by-typing-form";
import { SessionsList } from "@/components/sessions/sessions-list";
import { listOwnSessions } from "@/lib/sessions/sessions";
import { endOtherSessionsAction, endSessionAction, leaveOrganizationAction } from "./actions";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";
import { Link } from "@/i18n/navigation";
import { twoStepStatus } from "@/lib/two-step/factors";
import { ClientMessages } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("Profile.title");

type Search = { saved?: string; sessions?: string; sessionError?: string };

export default async function ProfilePage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireSection("profile");
  const t = await getTranslations("Profile");
  const tTwoStep = await getTranslations("TwoStep");
  const { saved, sessions: sessionsNotice, sessionError } = await searchParams;
  const db = await getDb();
  const [sessions, adminCount, twoStep] = await Promise.all([listOwnSessions(db, viewer), countAdmins(db, viewer.organization.id), twoStepStatus(db, viewer)]);
  const sessionsOutcome = sessionError === "notFound" ? "notFound" : sessionsNotice === "ended" || sessionsNotice === "othersEnded" ? sessionsNotice : undefined;
  const lastAdmin = isLastAdmin(viewer, adminCount);
  return (
    <ClientMessages
      namespaces={[
        "Profile.name",
        "Profile.locale",
        "Profile.saved",
        "Profile.nameHint",
        "Profile.localeHint",
        "Profile.save",
        "Profile.currentPassword",
        "Profile.newPassword",
        "Profile.confirmPassword",
        "Profile.passwordChanged",
        "Profile.newPasswordHint",
        "Profile.changePassword",
        "LocaleSwitcher.fr",
        "LocaleSwitcher.en",
        "Common.saving",
      ]}
    >
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro")} help={{ article: "authentication", section: "sign-in-today" }} />
        <Card title={t("detailsTitle")} id="details">
          <p className="mb-4 text-sm text-slate-700">
            {t("emailLine", { email: viewer.email })}
          </p>
          <ProfileForm name={viewer.name} locale={viewer.locale} justSaved={saved === "1"} />
        </Card>
        <Card title={t("passwordTitle")} id="password">
          <PasswordForm />
        </Card>
        <Card title={tTwoStep("title")} id="two-step">
          <p className="mb-3 text-sm text-slate-700" data-testid="profile-two-step-status">
            {twoStep.ok && (twoStep.status.totp || twoStep.status.passkeys > 0) ? tTwoStep("statusOn") : tTwoStep("statusOff")}
          </p>
          <Link href="/admin/profile/two-step" className="font-semibold text-indigo-700 underline">
            {tTwoStep("profileLink")}
          </Link>
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
          {lastAdmin ? <p className="font-medium text-slate-900">{t("leaveLastAdmin")}</p> : (
            <ConfirmByTypingForm
              action={leaveOrganizationAction}
              expected={viewer.email}
              text={{ label: t("leaveConfirmLabel", { email: viewer.email }), hint: t("leaveConfirmHint"), submit: t("leaveButton"), pending: t("leavePending") }}
              password={{ label: t("leavePassword") }}
            />
          )}
        </section>
      </div>
    </ClientMessages>
  );
}
