import { getFormatter, getTranslations } from "next-intl/server";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { RevokeApiKeyForm } from "@/components/api-keys/revoke-api-key-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StepUpNotice } from "@/components/two-step/step-up-notice";
import { getDb } from "@/db";
import { titleFrom } from "@/i18n/metadata";
import { listApiKeys, type ApiKeySummary } from "@/lib/api-keys/api-keys";
import { requireSection } from "@/lib/auth/viewer";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";
import { ClientMessages, ifShown } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("ApiKeysPage.title");

function statusOf(key: ApiKeySummary, now: Date): "active" | "revoked" | "expired" {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}

export default async function ApiKeysPage() {
  const viewer = await requireSection("apiKeys");
  const t = await getTranslations("ApiKeysPage");
  const format = await getFormatter();
  const listed = await listApiKeys(await getDb(), viewer);
  const keys = listed.ok ? listed.keys : [];
  const now = new Date();
  const revocable = keys.some((key) => statusOf(key, now) === "active");
  const when = (date: Date | null, fallback: string) => (date ? format.dateTime(date, { dateStyle: "medium", timeStyle: "short" }) : fallback);
  return (
    <ClientMessages
      namespaces={[
        ...ifShown(revocable, "ApiKeysPage.revokedNotice", "ApiKeysPage.revoke", "ApiKeysPage.revokeConsequence", "ApiKeysPage.revokeFailed", "ApiKeysPage.revoking", "ApiKeysPage.revokeConfirm"),
        "ApiKeysPage.name",
        "ApiKeysPage.scopes",
        "ApiKeysPage.expiry",
        "ApiKeysPage.createdNotice",
        "ApiKeysPage.secretOnce",
        "ApiKeysPage.copy",
        "ApiKeysPage.copied",
        "ApiKeysPage.copyFailed",
        "ApiKeysPage.stepUpLink",
        "ApiKeysPage.nameHint",
        "ApiKeysPage.scopesHint",
        "ApiKeysPage.scopeDescriptions",
        "ApiKeysPage.exportScopeWarning",
        "ApiKeysPage.deleteScopeWarning",
        "ApiKeysPage.expiryNever",
        "ApiKeysPage.expiryDays",
        "ApiKeysPage.creating",
        "ApiKeysPage.create",
      ]}
    >
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro", { organizationId: viewer.organization.id })} help={{ article: "api" }} />
        <Card title={t("createTitle")} id="create">
          <StepUpNotice viewer={viewer} returnTo="/admin/api-keys" notice={t("stepUpNotice")} />
          <CreateApiKeyForm action={createApiKeyAction} />
        </Card>
        <Card title={t("listTitle")} id="keys">
          {keys.length === 0 ? (
            <p className="text-sm text-slate-700">{t("empty")}</p>
          ) : (
            <ul className="divide-y divide-slate-200" aria-label={t("listTitle")}>
              {keys.map((key) => {
                const status = statusOf(key, now);
                return (
                  <li key={key.id} className="space-y-2 py-4" data-testid="api-key-row">
                    <div className="flex flex-wrap items-baseline gap-x-3">
                      <h3 className="font-semibold text-slate-900">{key.name}</h3>
                      <code className="font-mono text-sm text-slate-700">{key.prefix}…</code>
                      <span className={`text-sm font-semibold ${status === "active" ? "text-green-800" : "text-slate-600"}`}>{t(`status.${status}`)}</span>
                    </div>
                    <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-[max-content_1fr]">
                      <dt className="font-semibold">{t("scopes")}</dt>
                      <dd>{key.scopes.map((scope) => <code key={scope} className="mr-2 font-mono">{scope}</code>)}</dd>
                      <dt className="font-semibold">{t("createdBy")}</dt>
                      <dd>{t("createdByOn", { name: key.createdBy ?? t("formerMember"), date: when(key.createdAt, "") })}</dd>
                      <dt className="font-semibold">{t("expires")}</dt>
                      <dd>{when(key.expiresAt, t("expiryNever"))}</dd>
                      <dt className="font-semibold">{t("lastUsed")}</dt>
                      <dd>{key.lastUsedAt ? t("lastUsedFrom", { date: when(key.lastUsedAt, ""), address: key.lastUsedAddress ?? t("unknownAddress") }) : t("neverUsed")}</dd>
                    </dl>
                    {status === "active" ? <RevokeApiKeyForm action={revokeApiKeyAction} keyId={key.id} name={key.name} /> : null}
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}
