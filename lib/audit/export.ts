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

// The export reads larger pages than a client may ask for.
const batchQuerySchema = auditQuerySchema.extend({ limit: z.number().int().min(1).max(10_000) });

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
  const door = guard(caller, "audit.view", input.batch === true ? batchQuerySchema : auditQuerySchema, { ...input, batch: undefined });
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

export const exportFormats = ["ndjson", "csv"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** What the export reads per query: memory stays flat however many events there are. */
const exportBatchSize = 2000;

const csvColumns = ["id", "createdAt", "action", "actorKind", "actorId", "actorName", "actorEmail", "target", "clientAddress", "data"] as const;

/** A spreadsheet would run a cell starting with = + - @ (or a tab or return) as a formula: prefix it with '. */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvRow(event: AuditEventResource): string[] {
  const cells = [String(event.id), event.createdAt.toISOString(), event.action, event.actor.kind, event.actor.id ?? "", event.actor.name ?? "", event.actor.email ?? "", event.target ?? "", event.clientAddress ?? "", JSON.stringify(event.data)];
  return cells.map(neutralizeFormula);
}

/**
 * The organization's events matching the filters, newest first, as NDJSON lines or CSV rows,
 * read in batches by ID (a keyset cursor), so a million events stream with flat memory.
 */
export async function exportAuditEvents(
  db: Db,
  caller: Actor | null,
  input: Record<string, unknown>,
  format: ExportFormat,
): Promise<Result<{ chunks: AsyncGenerator<string> }, "forbidden" | "validation">> {
  const door = guard(caller, "audit.view", auditQuerySchema.omit({ limit: true, before: true }), input);
  if (!door.ok) return door;
  const { actor } = door;
  const filters = door.input;
  const { stringify } = await import("csv-stringify/sync");
  async function* chunks(): AsyncGenerator<string> {
    if (format === "csv") yield stringify([csvColumns as unknown as string[]]);
    let before: number | undefined;
    for (;;) {
      const page = await listAuditPage(db, actor, { ...filters, before, limit: exportBatchSize, batch: true });
      if (!page.ok || page.events.length === 0) return;
      yield format === "csv" ? stringify(page.events.map(csvRow)) : page.events.map((event) => `${JSON.stringify(event)}\n`).join("");
      if (page.nextBefore === null) return;
      before = page.nextBefore;
    }
  }
  return { ok: true, chunks: chunks() };
}
