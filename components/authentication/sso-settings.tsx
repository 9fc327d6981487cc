import { getTranslations } from "next-intl/server";
import { Card, Notice } from "@/components/ui/card";
import type { OrganizationDomain, SamlConnection } from "@/db/schema";
import type { FormState } from "@/lib/core/form-state";
import type { ServiceProvider } from "@/lib/sso/saml";
import { DomainActionForm } from "./domain-action-form";
import { SsoCurrentConnection } from "./sso-current-connection";
import { SsoSetup } from "./sso-setup";

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
        <SsoSetup
          words={{
            intro: t("intro"),
            spTitle: t("spTitle"),
            spEntityId: t("spEntityId"),
            acsUrl: t("acsUrl"),
            downloadMetadata: t("downloadMetadata"),
            idpTitle: t("idpTitle"),
            idpIntro: t("idpIntro"),
            metadataTitle: t("metadataTitle"),
            manualTitle: t("manualTitle"),
          }}
          sp={sp}
          metadataUrl={metadataUrl}
          current={connection ? <SsoCurrentConnection connection={connection} /> : null}
          values={connection ? { idpEntityId: connection.idpEntityId, idpSsoUrl: connection.idpSsoUrl, idpCertificate: connection.idpCertificate } : null}
          actions={{ save: actions.save, saveFromMetadata: actions.saveFromMetadata }}
        />
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
