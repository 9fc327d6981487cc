import "server-only";
import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { auditEvents } from "@/db/schema";
import type { Db } from "@/db";
import { guard } from "@/lib/core/guard";
import type { Result } from "@/lib/core/result";
import type { Actor } from "@/lib/core/actor";
import { queryRows } from "@/lib/core/db";

export const auditPageSize = 25;

export type AuditEntry = {
  id: number;
  action: string;
  target: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  /** Who acted, as they were then; null for the system. */
  actor: { kind: "person" | "api_key"; id: string | null; name: string; email: string | null } | null;
};

export type AuditFilter = { action?: string; actorId?: string; page?: number };

const filterSchema = z.object({
  action: z.string().max(64).regex(/^[a-zA-Z]+\.[a-zA-Z]+$/).optional().catch(undefined),
  actorId: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** Reads a filter from query parameters; anything malformed is ignored rather than refused. */
export function parseAuditFilter(params: Record<string, string | string[] | undefined>): Required<Pick<AuditFilter, "page">> & AuditFilter {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  return filterSchema.parse({ action: first(params.action), actorId: first(params.member), page: first(params.page) ?? 1 });
}

/**
 * The actions an organization's events name, in order: one index probe per action (a loose index
 * scan on `audit_events_organization_action_idx`), not a read of every event.
 */
async function actionsOf(db: Db, organizationId: string): Promise<{ action: string }[]> {
  const rows = await queryRows<{ action: string | null }>(
    db,
    sql`with recursive found(action) as (
      (select action from audit_events where organization_id = ${organizationId} order by action limit 1)
      union all
      select (select e.action from audit_events e where e.organization_id = ${organizationId} and e.action > found.action order by e.action limit 1)
      from found where found.action is not null
    )
    select action from found where action is not null`,
  );
  return rows.filter((row): row is { action: string } => row.action !== null);
}

/** The organization's events, newest first, a page at a time, filtered by action and by member. */
export async function listAuditEvents(
  db: Db,
  caller: Actor | null,
  input: AuditFilter = {},
): Promise<Result<{ entries: AuditEntry[]; total: number; page: number; pageCount: number; actions: string[] }, "forbidden">> {
  const door = guard(caller, "audit.view");
  if (!door.ok) return door;
  const { actor } = door;
  // The filter schema never refuses: a malformed filter is ignored.
  const filter = filterSchema.parse({ action: input.action, actorId: input.actorId, page: input.page ?? 1 });
  const conditions: SQL[] = [eq(auditEvents.organizationId, actor.organization.id)];
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.actorId) conditions.push(eq(auditEvents.actorId, filter.actorId));
  const where = and(...conditions);
  const [totalRow] = await db.select({ value: count() }).from(auditEvents).where(where);
  const total = totalRow?.value ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / auditPageSize));
  const page = Math.min(filter.page, pageCount);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(auditPageSize)
    .offset((page - 1) * auditPageSize);
  const actionRows = await actionsOf(db, actor.organization.id);
  return {
    ok: true,
    total,
    page,
    pageCount,
    actions: actionRows.map((row) => row.action),
    entries: rows.map((event) => ({
      id: event.id,
      action: event.action,
      target: event.target,
      data: event.data,
      createdAt: event.createdAt,
      actor:
        event.actorKind === "system"
          ? null
          : { kind: event.actorKind, id: event.actorId, name: event.actorName ?? event.actorEmail ?? "", email: event.actorEmail },
    })),
  };
}

