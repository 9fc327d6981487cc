import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { DangerAction, DangerZone } from "@/components/organization/danger-zone";
import { PurgeProgress } from "@/components/organization/purge-progress";
import { Card } from "@/components/ui/card";
import { OrganizationFacts } from "@/components/organization/organization-facts";
import { Link } from "@/i18n/navigation";
import type { AppLocale } from "@/i18n/locales";
import { getArticle } from "@/lib/help";
import { isActive } from "@/lib/jobs/jobs";
import { getOrganizationSettings } from "@/lib/organizations/organizations";
import { requireSection } from "@/lib/auth/viewer";
import { ConfirmByTypingForm } from "@/components/forms/confirm-by-typing-form";
import { deleteOrganizationAction, purgeChatsAction, requestExportAction, retentionAction } from "./actions";
import { can } from "@/lib/core/permissions";
import { plansWith } from "@/lib/core/plans";
import { getLatestExport } from "@/lib/lifecycle/exports";
import { deletionGraceDays } from "@/lib/lifecycle/deletion-grace";
import { ExportPanel } from "@/components/lifecycle/export-panel";
import { RetentionForm } from "@/components/lifecycle/retention-form";
import { Notice } from "@/components/ui/card";
import { RenameForm } from "./rename-form";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";
import { StepUpNotice } from "@/components/two-step/step-up-notice";

export const generateMetadata = titleFrom("OrganizationPage.title");

/** The next step of a no-JavaScript refresh: each refresh names a new URL, so the browser loads the page again. */
function nextStep(value: string | string[] | undefined): number {
  const step = Number(value);
  return Number.isSafeInteger(step) && step >= 0 && step < 100_000 ? step + 1 : 1;
}

export default async function OrganizationPage({ searchParams }: { searchParams: Promise<{ export?: string | string[]; purge?: string | string[] }> }) {
  const params = await searchParams;
  const viewer = await requireSection("organization");
  const db = await getDb();
  // Both reads at once: the export panel's does not wait for the settings'.
  const [settings, latestExport] = await Promise.all([
    getOrganizationSettings(db, viewer.organization.id),
    can(viewer, "organization.export") ? getLatestExport(db, viewer) : null,
  ]);
  if (!settings) notFound();
  const { organization, members, chats, messages, jobs } = settings;
  const t = await getTranslations("OrganizationPage");
  const tl = await getTranslations("DataLifecycle");
  const tPlans = await getTranslations("Plans");
  const tHelp = await getTranslations("Help");
  const purge = jobs.purge_chats;
  const retentionPlans = plansWith("chatRetention").map((plan) => tPlans(plan)).join(", ");
  const retentionDays = organization.chatRetentionDays;
  const graceDays = deletionGraceDays();
  const copyFirst = (
    <p className="text-sm">
      <a href="#export" className="link-strong">
        {tl("copyFirst")}
      </a>
    </p>
  );
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} help={{ article: "basic-setup", section: "organization-settings" }} />
      <Card title={t("detailsTitle")} id="details">
        <OrganizationFacts
          name={organization.name}
          members={members}
          id={organization.id}
          words={{
            name: t("name"),
            members: t("members"),
            organizationId: t("organizationId"),
            idHint: t("organizationIdHint"),
            copyId: t("copyId"),
            copied: t("copied"),
            copyFailed: t("copyFailed"),
            apiHelp: tHelp("linkPrefix", { title: getArticle((await getLocale()) as AppLocale, "api").title }),
          }}
        />
      </Card>
      <Card title={t("renameTitle")} id="rename">
        <RenameForm name={organization.name} text={{ label: t("newName"), hint: t("newNameHint"), submit: t("rename"), pending: t("renaming") }} />
      </Card>
      <Card title={tl("retentionTitle")} id="retention">
        <div className="space-y-4">
          <p>{tl("retentionIntro")}</p>
          <p data-testid="retention-current">{retentionDays === null ? tl("retentionCurrentOff") : tl("retentionCurrent", { days: retentionDays })}</p>
          {jobs.chat_retention && isActive(jobs.chat_retention) ? <Notice tone="info">{tl("retentionRunning")}</Notice> : null}
          {can(viewer, "organization.retention") ? (
            <RetentionForm
              action={retentionAction}
              days={retentionDays}
              text={{
                enabled: tl("retentionEnabled"),
                days: tl("retentionDays"),
                daysHint: tl("retentionDaysHint"),
                preview: tl("retentionPreviewButton"),
                previewing: tl("retentionPreviewing"),
                save: tl("retentionSave"),
                saving: tl("retentionSaving"),
              }}
            />
          ) : retentionDays !== null ? (
            <Notice tone="warning">{tl("retentionPaused", { days: retentionDays, plans: retentionPlans })}</Notice>
          ) : (
            <Notice tone="info">{tl("retentionPlan", { plans: retentionPlans })}</Notice>
          )}
        </div>
      </Card>
      <Card title={tl("exportTitle")} id="export">
        <ExportPanel status={latestExport} action={requestExportAction} refreshStep={nextStep(params.export)} />
      </Card>
      <p className="text-sm">
        <Link href="/help/data-and-retention" className="link" data-testid="data-help-link">
          {tl("helpLink")}
        </Link>
      </p>
      <StepUpNotice viewer={viewer} returnTo="/admin/organization" />
      <DangerZone title={t("dangerZone")} intro={t("dangerIntro")}>
        <DangerAction
          id="purge"
          title={t("purgeTitle")}
          whatGoes={t("purgeWhatGoes", { chats, messages })}
          whatStays={t("purgeWhatStays")}
          irreversible={t("irreversible")}
        >
          {copyFirst}
          {purge ? <PurgeProgress job={purge} refreshStep={nextStep(params.purge)} /> : null}
          {isActive(purge) ? null : (
            <ConfirmByTypingForm
              action={purgeChatsAction}
              expected={organization.name}
              idPrefix="purge"
              text={{ label: t("purgeConfirmLabel", { name: organization.name }), hint: t("purgeConfirmHint"), submit: t("purgeButton"), pending: t("purgePending") }}
            />
          )}
        </DangerAction>
        <DangerAction
          id="delete"
          title={t("deleteTitle")}
          whatGoes={t("deleteWhatGoes", { members, chats, messages })}
          whatStays={t("deleteWhatStays")}
          irreversible={t("irreversible")}
        >
          {copyFirst}
          <p className="text-sm text-slate-800" data-testid="deletion-mode">{graceDays > 0 ? tl("graceOn", { days: graceDays }) : tl("graceImmediate")}</p>
          <ConfirmByTypingForm
            action={deleteOrganizationAction}
            expected={organization.name}
            idPrefix="delete"
            text={{ label: t("deleteConfirmLabel", { name: organization.name }), hint: t("deleteConfirmHint"), submit: t("deleteButton"), pending: t("deletePending") }}
            password={{ label: t("password"), hint: t("passwordHint") }}
          />
        </DangerAction>
      </DangerZone>
    </div>
  );
}
