import "server-only";
import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import { z } from "zod";
import { auditEvents } from "@/db/schema";
import type { Db } from "@/db";
import type { Actor } from "@/lib/core/actor";
import { guard } from "@/lib/core/guard";
import type { Result } from "@/lib/core/result";

/** The API's audit filters: action, actor, a time range, and a cursor (the last event ID seen). */
export const auditQuerySchema = z.object({
  action: z.string().max(64).regex(/^[a-zA-Z]+\.[a-zA-Z]+$/, { error: "invalidAction" }).optional(),
  actorId: z.uuid({ error: "invalidActor" }).optional(),
  since: z.iso.datetime({ offset: true, error: "invalidDate" }).optional(),
  until: z.iso.datetime({ offset: true, error: "invalidDate" }).optional(),
  before: z.coerce.number({ error: "invalidCursor" }).int({ error: "invalidCursor" }).positive({ error: "invalidCursor" }).optional(),
  limit: z.coerce.number({ error: "invalidLimit" }).int({ error: "invalidLimit" }).min(1, { error: "invalidLimit" }).max(100, { error: "invalidLimit" }).default(50),
});

export type AuditEventResource = {
  id: number;
  action: string;
  target: string | null;
  data: Record<string, unknown>;
  actor: { kind: "person" | "api_key" | "system"; id: string | null; name: string | null; email: string | null };
  clientAddress: string | null;
  createdAt: Date;
};

/** The organization's events, newest first, one page after the cursor. */
export async function listAuditPage(
  db: Db,
  caller: Actor | null,
  input: Record<string, unknown>,
): Promise<Result<{ events: AuditEventResource[]; nextBefore: number | null }, "forbidden" | "validation">> {
  const door = guard(caller, "audit.view", auditQuerySchema, input);
  if (!door.ok) return door;
  const { actor, input: query } = door;
  const conditions: SQL[] = [eq(auditEvents.organizationId, actor.organization.id)];
  if (query.action) conditions.push(eq(auditEvents.action, query.action));
  if (query.actorId) conditions.push(eq(auditEvents.actorId, query.actorId));
  if (query.since) conditions.push(gte(auditEvents.createdAt, new Date(query.since)));
  if (query.until) conditions.push(lte(auditEvents.createdAt, new Date(query.until)));
  if (query.before) conditions.push(lt(auditEvents.id, query.before));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    ok: true,
    events: page.map((row) => ({
      id: row.id,
      action: row.action,
      target: row.target,
      data: row.data,
      actor: { kind: row.actorKind, id: row.actorId, name: row.actorName, email: row.actorEmail },
      clientAddress: row.clientAddress,
      createdAt: row.createdAt,
    })),
    nextBefore: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}
