import { getTranslations } from "next-intl/server";
import type { AuditEntry } from "@/lib/audit/audit-log";
import { LocalTime } from "./local-time";

function scalar(value: unknown): string | null {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : null;
}

/** A short summary of an event's data: its target and any from → to change, values in the viewer's words. */
function details(entry: AuditEntry, word: (value: string) => string): string {
  const parts: string[] = [];
  if (entry.target) parts.push(entry.target);
  const from = scalar(entry.data.from);
  const to = scalar(entry.data.to);
  if (from !== null && to !== null) parts.push(`${word(from)} → ${word(to)}`);
  else if (scalar(entry.data.name)) parts.push(String(entry.data.name));
  return parts.join(" · ");
}

export async function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const t = await getTranslations("AuditPage");
  const tAudit = await getTranslations("Audit");
  const tRoles = await getTranslations("Roles");
  const tPlans = await getTranslations("Plans");
  const tCommon = await getTranslations("Common");
  // Roles, plans and yes/no flags are stored as codes; anything else (a name) shows as it is.
  const word = (value: string): string => {
    if (value === "true") return tCommon("yes");
    if (value === "false") return tCommon("no");
    if (tRoles.has(value as never)) return tRoles(value as never);
    if (tPlans.has(value as never)) return tPlans(value as never);
    return value;
  };
  const label = (action: string) => (tAudit.has(`actions.${action}` as never) ? tAudit(`actions.${action}` as never) : action);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="audit-table">
        <caption className="sr-only">{t("tableCaption")}</caption>
        <thead className="border-b border-slate-300">
          <tr>
            <th scope="col" className="py-2 pr-3">{t("when")}</th>
            <th scope="col" className="py-2 pr-3">{t("who")}</th>
            <th scope="col" className="py-2 pr-3">{t("what")}</th>
            <th scope="col" className="py-2">{t("details")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-b border-slate-200 align-top">
              <td className="py-2 pr-3 whitespace-nowrap"><LocalTime iso={entry.createdAt.toISOString()} /></td>
              <td className="py-2 pr-3">{entry.actor ? (entry.actor.kind === "api_key" ? t("apiKeyActor", { name: entry.actor.name }) : entry.actor.name) : <span className="text-slate-600">{t("nobody")}</span>}</td>
              <td className="py-2 pr-3">{label(entry.action)}</td>
              <td className="py-2 break-all">{details(entry, word)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
