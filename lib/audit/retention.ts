import "server-only";
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { auditChains, auditEvents, organizations } from "@/db/schema";
import type { Db } from "@/lib/core/db";
import { auditActorOf, type Actor } from "@/lib/core/actor";
import { guard } from "@/lib/core/guard";
import { planIncludes } from "@/lib/core/plans";
import type { Result } from "@/lib/core/result";
import { allowAuditDeletion, lockChain } from "./chain";
import { recordAudit } from "./record";

/**
 * Audit retention (Enterprise): events older than N days are removed by the daily round, oldest first,
 * in batches. The chain survives: the last removed event's place and hash become the chain's start
 * (audit_chains), which the next event's hash already covers, so verification goes on from there.
 */

export const retentionSchema = z.object({
  // Empty: keep forever.
  days: z.union([z.literal("").transform(() => null), z.coerce.number({ error: "invalidDays" }).int({ error: "invalidDays" }).min(30, { error: "invalidDays" }).max(3650, { error: "invalidDays" })], { error: "invalidDays" }),
});

export async function getAuditRetention(db: Db, caller: Actor | null): Promise<Result<{ days: number | null; allowed: boolean }, "forbidden">> {
  const door = guard(caller, "audit.view");
  if (!door.ok) return door;
  const [row] = await db.select({ days: auditChains.retentionDays }).from(auditChains).where(eq(auditChains.organizationId, door.actor.organization.id));
  return { ok: true, days: row?.days ?? null, allowed: planIncludes(door.actor.organization.plan, "auditRetention") };
}

export async function setAuditRetention(db: Db, caller: Actor | null, input: unknown): Promise<Result<{ days: number | null; changed: boolean }, "forbidden" | "planRequired" | "validation">> {
  const door = guard(caller, "audit.retention", retentionSchema, input, { planRefusal: "planRequired" as const });
  if (!door.ok) return door;
  const organizationId = door.actor.organization.id;
  const days = door.input.days;
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ days: auditChains.retentionDays }).from(auditChains).where(eq(auditChains.organizationId, organizationId));
    if ((before?.days ?? null) === days) return { ok: true as const, days, changed: false };
    await tx.insert(auditChains).values({ organizationId, retentionDays: days }).onConflictDoUpdate({ target: auditChains.organizationId, set: { retentionDays: days } });
    await recordAudit(tx, { organizationId, ...auditActorOf(door.actor), action: "audit.retentionChanged", data: { from: before?.days ?? null, to: days } });
    return { ok: true as const, days, changed: true };
  });
}

/** The daily round: for each Enterprise organization with a retention period, removes what is older, in batches. */
export async function applyAuditRetention(db: Db, now: Date, batchSize = 1000): Promise<{ deleted: number }> {
  const rows = await db
    .select({ organizationId: auditChains.organizationId, days: auditChains.retentionDays, plan: organizations.plan })
    .from(auditChains)
    .innerJoin(organizations, eq(organizations.id, auditChains.organizationId))
    .where(sql`${auditChains.retentionDays} is not null`);
  let deleted = 0;
  for (const row of rows) {
    // Below Enterprise the setting is kept but not applied: nothing is removed.
    if (!row.days || !planIncludes(row.plan, "auditRetention")) continue;
    const cutoff = new Date(now.getTime() - row.days * 24 * 60 * 60 * 1000);
    let removedHere = 0;
    let upTo = 0;
    for (;;) {
      const batch = await removeBatch(db, row.organizationId, cutoff, batchSize);
      if (batch.count === 0) break;
      removedHere += batch.count;
      upTo = batch.upTo;
    }
    if (removedHere > 0) {
      await recordAudit(db, { organizationId: row.organizationId, actorId: null, action: "audit.retentionApplied", data: { deleted: removedHere, upToSequence: upTo, days: row.days } });
      deleted += removedHere;
    }
  }
  return { deleted };
}

/** One batch: the oldest events before the first one young enough to stay (always a prefix of the chain). */
async function removeBatch(db: Db, organizationId: string, cutoff: Date, batchSize: number): Promise<{ count: number; upTo: number }> {
  return db.transaction(async (tx) => {
    await lockChain(tx, organizationId);
    await allowAuditDeletion(tx);
    const [firstKept] = await tx
      .select({ sequence: auditEvents.sequence })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, organizationId), gte(auditEvents.createdAt, cutoff)))
      .orderBy(asc(auditEvents.sequence))
      .limit(1);
    const conditions = [eq(auditEvents.organizationId, organizationId)];
    if (firstKept) conditions.push(lt(auditEvents.sequence, firstKept.sequence));
    else conditions.push(lt(auditEvents.createdAt, cutoff));
    const batch = await tx.select({ id: auditEvents.id, sequence: auditEvents.sequence, hash: auditEvents.hash }).from(auditEvents).where(and(...conditions)).orderBy(asc(auditEvents.sequence)).limit(batchSize);
    const last = batch.at(-1);
    if (!last) return { count: 0, upTo: 0 };
    await tx.execute(sql`delete from audit_events where organization_id = ${organizationId} and sequence <= ${last.sequence}`);
    const [start] = await tx.select().from(auditChains).where(eq(auditChains.organizationId, organizationId));
    const startSequence = Math.max(start?.startSequence ?? 0, last.sequence);
    const startHash = last.hash ?? start?.startHash ?? null;
    await tx.insert(auditChains).values({ organizationId, startSequence, startHash }).onConflictDoUpdate({ target: auditChains.organizationId, set: { startSequence, startHash } });
    return { count: batch.length, upTo: last.sequence };
  });
}
