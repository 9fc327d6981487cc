import { getTranslations } from "next-intl/server";
import { Card, Notice } from "@/components/ui/card";
import type { OrganizationDomain, SamlConnection } from "@/db/schema";
import type { FormState } from "@/lib/core/form-state";
import type { ServiceProvider } from "@/lib/sso/saml";
import { DomainActionForm } from "./domain-action-form";
import { SsoConnectionForm } from "./sso-connection-form";
import { SsoCurrentConnection } from "./sso-current-connection";
import { SsoMetadataForm } from "./sso-metadata-form";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/** SSO on the authentication page: what to give the IdP, the IdP's settings, and which domains require SSO. */
export async function SsoSettings({
  available,
  sp,
  metadataUrl,
  connection,
  domains,
  actions,
}: {
  available: boolean;
  sp: ServiceProvider;
  metadataUrl: string;
  connection: SamlConnection | undefined;
  domains: OrganizationDomain[];
  actions: { save: Action; saveFromMetadata: Action; ssoRequired: Action };
}) {
  const t = await getTranslations("Sso.settings");
  const tCommon = await getTranslations("Common");
  if (!available) {
    return (
      <Card title={t("title")} id="sso">
        <Notice>{t("planRequired")}</Notice>
      </Card>
    );
  }
  const claimed = domains.filter((domain) => domain.status !== "pending");
  return (
    <Card title={t("title")} id="sso">
      <div className="space-y-6">
        <p className="text-sm text-slate-700">{t("intro")}</p>
        <section aria-labelledby="sp-title" className="space-y-2 text-sm">
          <h3 id="sp-title" className="font-semibold">{t("spTitle")}</h3>
          <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt className="font-semibold">{t("spEntityId")}</dt>
            <dd><code className="break-all" data-testid="sp-entity-id">{sp.entityId}</code></dd>
            <dt className="font-semibold">{t("acsUrl")}</dt>
            <dd><code className="break-all" data-testid="sp-acs-url">{sp.acsUrl}</code></dd>
          </dl>
          <a href={metadataUrl} download className="inline-block font-semibold text-indigo-700 underline">{t("downloadMetadata")}</a>
        </section>
        <section aria-labelledby="idp-title" className="space-y-4">
          <h3 id="idp-title" className="font-semibold">{t("idpTitle")}</h3>
          {connection ? <SsoCurrentConnection connection={connection} /> : null}
          <p className="text-sm text-slate-700">{t("idpIntro")}</p>
          <section aria-labelledby="idp-metadata-title" className="space-y-2 rounded-md border border-slate-200 p-4">
            <h4 id="idp-metadata-title" className="font-semibold">{t("metadataTitle")}</h4>
            <SsoMetadataForm action={actions.saveFromMetadata} />
          </section>
          <section aria-labelledby="idp-manual-title" className="space-y-2 rounded-md border border-slate-200 p-4">
            <h4 id="idp-manual-title" className="font-semibold">{t("manualTitle")}</h4>
            <SsoConnectionForm
              action={actions.save}
              current={connection ? { idpEntityId: connection.idpEntityId, idpSsoUrl: connection.idpSsoUrl, idpCertificate: connection.idpCertificate } : null}
            />
          </section>
        </section>
        {connection && claimed.length > 0 ? (
          <section aria-labelledby="sso-domains-title" className="space-y-2">
            <h3 id="sso-domains-title" className="font-semibold">{t("domainsTitle")}</h3>
            <p className="text-sm text-slate-700">{t("domainsHint")}</p>
            <ul className="divide-y divide-slate-200">
              {claimed.map((domain) => (
                <li key={domain.id} className="flex flex-wrap items-start gap-4 py-3">
                  <span className="min-w-0 flex-1 font-mono">
                    {domain.domain}
                    {domain.ssoRequired ? <span className="ml-2 rounded bg-indigo-100 px-2 py-0.5 font-sans text-sm text-indigo-900">{t("ssoRequired")}</span> : null}
                  </span>
                  <DomainActionForm
                    action={actions.ssoRequired}
                    fields={{ domainId: domain.id, ssoRequired: domain.ssoRequired ? "off" : "on" }}
                    label={<>{domain.ssoRequired ? t("stopRequiringSso") : t("requireSso")}<span className="sr-only"> {domain.domain}</span></>}
                    pendingLabel={tCommon("saving")}
                    messageValues={{ domain: domain.domain }}
                  />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </Card>
  );
}
