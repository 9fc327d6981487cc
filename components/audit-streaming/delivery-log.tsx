import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/audit/local-time";
import type { EndpointView } from "@/lib/audit/streams";

/** The latest deliveries to one endpoint: what, when, answered how, how fast, after how many attempts. */
export async function DeliveryLog({ endpoint }: { endpoint: EndpointView }) {
  const t = await getTranslations("AuditStreaming");
  if (endpoint.deliveries.length === 0) return <p className="text-sm text-slate-700">{t("logEmpty")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="delivery-log">
        <caption className="mb-2 text-left font-semibold">{t("logCaption")}</caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-2 pr-3">{t("logWhen")}</th>
            <th scope="col" className="py-2 pr-3">{t("logMessage")}</th>
            <th scope="col" className="py-2 pr-3">{t("logState")}</th>
            <th scope="col" className="py-2 pr-3">{t("logStatus")}</th>
            <th scope="col" className="py-2 pr-3">{t("logLatency")}</th>
            <th scope="col" className="py-2">{t("logAttempts")}</th>
          </tr>
        </thead>
        <tbody>
          {endpoint.deliveries.map((delivery) => (
            <tr key={delivery.id} className="border-b border-slate-100">
              <td className="py-2 pr-3"><LocalTime iso={delivery.createdAt.toISOString()} /></td>
              <td className="py-2 pr-3">{delivery.eventId ? t("logEvent", { id: delivery.eventId }) : t("logTest")}</td>
              <td className="py-2 pr-3">{t(`states.${delivery.state}`)}</td>
              <td className="py-2 pr-3">{delivery.lastStatus ?? (delivery.lastError ? t(`errors.${errorKey(delivery.lastError)}`) : "—")}</td>
              <td className="py-2 pr-3">{delivery.lastLatencyMs === null ? "—" : t("latency", { ms: delivery.lastLatencyMs })}</td>
              <td className="py-2">{delivery.attempts}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const knownErrors = ["timeout", "network", "loopback", "private", "unresolved", "notHttps", "invalidUrl", "redirect"] as const;

function errorKey(error: string): (typeof knownErrors)[number] {
  return (knownErrors as readonly string[]).includes(error) ? (error as (typeof knownErrors)[number]) : "network";
}
