import { getLocale, getTranslations } from "next-intl/server";
import { AddEndpointForm } from "@/components/audit-streaming/add-endpoint-form";
import { DeliveryLog } from "@/components/audit-streaming/delivery-log";
import { EndpointActionForm } from "@/components/audit-streaming/endpoint-action-form";
import { TimeZoneNote } from "@/components/audit/local-time";
import { HelpLink } from "@/components/help/help-link";
import { Card, Notice } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import type { AppLocale } from "@/i18n/locales";
import { titleFrom } from "@/i18n/metadata";
import { listEndpoints } from "@/lib/audit/streams";
import { requirePermission } from "@/lib/auth/viewer";
import { consoleSections } from "@/lib/core/console-sections";
import { addEndpointAction, removeEndpointAction, resumeEndpointAction, rotateSecretAction, sendTestEventAction } from "./actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("AuditStreaming.title");

export default async function AuditStreamingPage() {
  // Admins of every plan open the page (the matrix's holders of audit.stream); the plan decides what it offers.
  const viewer = await requirePermission((await getLocale()) as AppLocale, consoleSections.auditStreaming.path, "audit.view");
  const t = await getTranslations("AuditStreaming");
  const tPlans = await getTranslations("Plans");
  const listed = await listEndpoints(await getDb(), viewer);
  return (
    <ClientMessages
      namespaces={[
        "AuditStreaming.messages",
        "AuditStreaming.secretOnce",
        "AuditStreaming.copySecret",
        "AuditStreaming.copied",
        "AuditStreaming.copyFailed",
        "AuditStreaming.urlLabel",
        "AuditStreaming.urlHint",
        "AuditStreaming.adding",
        "AuditStreaming.add",
        "AuditPage.timeZoneBrowser",
        "AuditPage.timeZoneServer",
        "Errors",
      ]}
    >
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro", { organization: viewer.organization.name })} />
        <HelpLink article="audit-log" />
        {!listed.ok ? (
          <div role="status" data-testid="streaming-plan-gate">
            <Notice tone="warning">{t("planGate", { plan: tPlans(viewer.organization.plan), plans: tPlans("enterprise") })}</Notice>
          </div>
        ) : (
          <>
            <Card title={t("addTitle")} id="add-endpoint">
              <p className="mb-4 text-sm text-slate-700">{t("addIntro")}</p>
              <AddEndpointForm action={addEndpointAction} />
            </Card>
            <section aria-labelledby="endpoints-title" className="space-y-4">
              <h2 id="endpoints-title" className="text-lg font-semibold">{t("endpointsTitle", { count: listed.endpoints.length })}</h2>
              {listed.endpoints.length === 0 ? <p>{t("empty")}</p> : <TimeZoneNote />}
              {listed.endpoints.map((endpoint) => (
                <Card key={endpoint.id} title={<span className="break-all">{endpoint.url}</span>} id={`endpoint-${endpoint.id}`}>
                  <div className="space-y-4" data-testid="endpoint">
                    <p className="text-sm" data-testid="endpoint-status">
                      {endpoint.status === "active" ? t("active") : endpoint.pausedReason === "plan" ? t("pausedPlan") : t("pausedFailing")}{" "}
                      {t("waiting", { count: endpoint.pending })}
                    </p>
                    <div className="flex flex-wrap items-start gap-4">
                      <EndpointActionForm action={sendTestEventAction} endpointId={endpoint.id} label={t("sendTest")} pendingLabel={t("sending")} testId="send-test" />
                      <EndpointActionForm action={rotateSecretAction} endpointId={endpoint.id} label={t("rotate")} pendingLabel={t("rotating")} testId="rotate" />
                      {endpoint.status === "paused" && endpoint.pausedReason === "failing" ? (
                        <EndpointActionForm action={resumeEndpointAction} endpointId={endpoint.id} label={t("resume")} pendingLabel={t("resuming")} variant="primary" testId="resume" />
                      ) : null}
                      <EndpointActionForm action={removeEndpointAction} endpointId={endpoint.id} label={t("remove")} pendingLabel={t("removing")} variant="danger" testId="remove" />
                    </div>
                    <DeliveryLog endpoint={endpoint} />
                  </div>
                </Card>
              ))}
            </section>
          </>
        )}
      </div>
    </ClientMessages>
  );
}
