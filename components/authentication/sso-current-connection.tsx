import { getFormatter, getTranslations } from "next-intl/server";
import type { SamlConnection } from "@/db/schema";
import { describeCertificate, splitCertificates } from "@/lib/sso/certificates";

const soon = 30 * 24 * 60 * 60 * 1000;

/** What the console uses now, however it was entered: an Admin checks it against the identity provider. */
export async function SsoCurrentConnection({ connection, now = new Date() }: { connection: SamlConnection; now?: Date }) {
  const t = await getTranslations("Sso.settings");
  const format = await getFormatter();
  const certificates = splitCertificates(connection.idpCertificate).flatMap((pem) => {
    const summary = describeCertificate(pem);
    return summary ? [summary] : [];
  });
  const date = (value: Date) => format.dateTime(value, { dateStyle: "long" });
  return (
    <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm" data-testid="sso-current">
      <h4 className="font-semibold">{t("currentTitle")}</h4>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t("currentEntityId")}</dt>
        <dd><code className="break-all" data-testid="sso-current-entity-id">{connection.idpEntityId}</code></dd>
        <dt className="font-semibold">{t("currentSsoUrl")}</dt>
        <dd><code className="break-all" data-testid="sso-current-sso-url">{connection.idpSsoUrl}</code></dd>
        <dt className="font-semibold">{t("currentCertificates", { count: certificates.length })}</dt>
        <dd>
          <ul className="space-y-2">
            {certificates.map((certificate) => {
              const left = certificate.validTo.getTime() - now.getTime();
              return (
                <li key={certificate.fingerprint} data-testid="sso-current-certificate">
                  <span className="block break-all">{certificate.subject}</span>
                  <span className="block break-all font-mono text-xs">{t("certificateFingerprint", { fingerprint: certificate.fingerprint })}</span>
                  {left <= 0 ? (
                    <span className="block font-semibold text-red-700">{t("certificateExpired", { date: date(certificate.validTo) })}</span>
                  ) : left < soon ? (
                    <span className="block font-semibold text-amber-900">{t("certificateExpiresSoon", { date: date(certificate.validTo) })}</span>
                  ) : (
                    <span className="block">{t("certificateValidUntil", { date: date(certificate.validTo) })}</span>
                  )}
                </li>
              );
            })}
          </ul>
        </dd>
      </dl>
      <p className="text-slate-600">{t("currentUpdatedAt", { date: format.dateTime(connection.updatedAt, { dateStyle: "long", timeStyle: "short" }) })}</p>
    </div>
  );
}
