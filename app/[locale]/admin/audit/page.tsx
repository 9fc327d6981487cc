import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Link } from "@/i18n/navigation";
import { AuditFilters, type FilterChoice } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { TimeZoneNote } from "@/components/audit/local-time";
import { Card } from "@/components/ui/card";
import { listAuditEvents, parseAuditFilter } from "@/lib/audit/audit-log";
import { getAuditRetention } from "@/lib/audit/retention";
import { getChainStatus } from "@/lib/audit/verification";
import { LocalTime } from "@/components/audit/local-time";
import { RetentionForm } from "@/components/audit/retention-form";
import { Notice } from "@/components/ui/card";
import { setAuditRetentionAction } from "./actions";
import { listMembers } from "@/lib/members/members";
import { requireSection } from "@/lib/auth/viewer";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";
import { ClientMessages } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("AuditPage.title");

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireSection("audit");
  const t = await getTranslations("AuditPage");
  const tAudit = await getTranslations("Audit");
  const tExport = await getTranslations("AuditExport");
  const filter = parseAuditFilter(await searchParams);
  const locale = await getLocale();
  const db = await getDb();
  const [log, people, chain, retention] = await Promise.all([listAuditEvents(db, viewer, filter), listMembers(db, viewer), getChainStatus(db, viewer), getAuditRetention(db, viewer)]);
  if (!log.ok) return null;
  const tPlans = await getTranslations("Plans");
  const status = chain.ok ? chain.status : null;
  const members = people.ok ? people.members : [];
  const label = (action: string) => (tAudit.has(`actions.${action}` as never) ? tAudit(`actions.${action}` as never) : action);
  const pageLink = (page: number) => ({ pathname: "/admin/audit", query: { ...(filter.action ? { action: filter.action } : {}), ...(filter.actorId ? { member: filter.actorId } : {}), page: String(page) } });
  return (
    <ClientMessages
      namespaces={[
        "AuditPage.timeZoneServer",
        "AuditPage.timeZoneBrowser",
      ]}
    >
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro", { organization: viewer.organization.name })} />
        <Card title={t("chainTitle")} id="chain">
          <p data-testid="chain-status" className={status && !status.intact ? "font-semibold text-red-800" : undefined}>
            {!status
              ? t("chainNotYet")
              : status.intact
                ? t.rich("chainIntact", { time: () => <LocalTime iso={status.verifiedAt.toISOString()} />, count: status.events })
                : t.rich("chainBroken", { time: () => <LocalTime iso={status.verifiedAt.toISOString()} />, event: status.brokenEventId ?? 0 })}
          </p>
        </Card>
        {retention.ok ? (
          <Card title={t("retentionTitle")} id="retention">
            <p className="mb-4 text-sm" data-testid="retention-status">{retention.days ? t("retentionDays", { days: retention.days }) : t("retentionForever")}</p>
            {retention.allowed ? (
              <RetentionForm
                days={retention.days}
                words={{ label: t("retentionLabel"), hint: t("retentionHint"), save: t("retentionSave"), saving: t("retentionSaving") }}
                action={setAuditRetentionAction}
              />
            ) : <Notice>{t("retentionPlanGate", { plans: tPlans("enterprise") })}</Notice>}
          </Card>
        ) : null}
        <Card title={t("filtersTitle")} id="filters">
          <AuditFilters
            actions={log.actions.map((action): FilterChoice => [action, label(action)])}
            members={members.map((member): FilterChoice => [member.id, `${member.name} (${member.email})`])}
            action={filter.action ?? ""}
            member={filter.actorId ?? ""}
            words={{ action: t("action"), allActions: t("allActions"), member: t("member"), allMembers: t("allMembers"), apply: t("apply"), clear: t("clear") }}
          />
        </Card>
        <Card title={tExport("title")} id="export">
          <p className="mb-3 text-sm text-slate-700">{filter.action || filter.actorId ? tExport("filtered") : tExport("everything")}</p>
          <div className="flex flex-wrap gap-3">
            {(["csv", "ndjson"] as const).map((format) => (
              <a
                key={format}
                download
                className="tp-button"
                href={`/${locale}/admin/audit/export?${new URLSearchParams({ format, ...(filter.action ? { action: filter.action } : {}), ...(filter.actorId ? { member: filter.actorId } : {}) })}`}
              >
                {tExport(format)}
              </a>
            ))}
          </div>
        </Card>
        <section aria-labelledby="events-title" className="space-y-3">
          <h2 id="events-title" className="text-lg font-semibold">{t("total", { count: log.total })}</h2>
          <TimeZoneNote />
          {log.entries.length === 0 ? <p>{t("empty")}</p> : <AuditTable entries={log.entries} />}
          {log.pageCount > 1 ? (
            <nav aria-label={t("pages")} className="flex flex-wrap items-center gap-4 text-sm">
              {log.page > 1 ? <Link href={pageLink(log.page - 1)} className="underline" rel="prev">{t("previous")}</Link> : null}
              <span aria-current="page">{t("pageOf", { page: log.page, pageCount: log.pageCount })}</span>
              {log.page < log.pageCount ? <Link href={pageLink(log.page + 1)} className="underline" rel="next">{t("next")}</Link> : null}
            </nav>
          ) : null}
        </section>
      </div>
    </ClientMessages>
  );
}
