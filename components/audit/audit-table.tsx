import { getTranslations } from "next-intl/server";
import type { AuditEntry } from "@/lib/audit/audit-log";
import { AuditTableView, type AuditRow } from "./audit-table-view";

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

/** Translated here; the markup is `AuditTableView`'s (see there why it is a client component). */
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
  const actions: string[] = [];
  const actionOf = (action: string): number => {
    const name = label(action);
    const known = actions.indexOf(name);
    return known >= 0 ? known : actions.push(name) - 1;
  };
  const rows = entries.map((entry): AuditRow => [
    // To the second, as the table shows it: the milliseconds would only weigh on every row, twice.
    entry.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    entry.actor ? (entry.actor.kind === "api_key" ? t("apiKeyActor", { name: entry.actor.name }) : entry.actor.name) : null,
    actionOf(entry.action),
    details(entry, word),
  ]);
  return <AuditTableView rows={rows} actions={actions} words={{ caption: t("tableCaption"), when: t("when"), who: t("who"), what: t("what"), details: t("details"), nobody: t("nobody") }} />;
}
