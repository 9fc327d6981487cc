import "server-only";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import { organizations } from "@/db/schema";
import type { Db } from "@/lib/core/db";
import { queryRows } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { guard } from "@/lib/core/guard";
import { planIncludes, plansWith } from "@/lib/core/plans";
import { fail, type Result } from "@/lib/core/result";
import { auditActorOf, type Actor } from "@/lib/core/actor";
import { startJob } from "@/lib/jobs/jobs";
import { retentionSchema } from "./schemas";

/**
 * Who may read or set the policy: a person (the console) or an API key (/api/v1). Only the actor's
 * ID, its organization and the matrix are used; audit events name either kind (`auditActorOf`).
 */
export type LifecycleActor = Actor;

export type RetentionError = "forbidden" | "validation" | "organizationDeleted";

export type RetentionPolicy = {
  /** Days without activity after which a chat goes; null when the policy is off. */
  days: number | null;
  /** False below Team: the policy is kept but not applied. */
  applied: boolean;
};

const dayMs = 24 * 60 * 60 * 1000;

/** The instant before which a chat counts as inactive for a policy of `days`. */
export function retentionCutoff(days: number, now = new Date()): Date {
  return new Date(now.getTime() - days * dayMs);
}

/** The chats (and their messages) a policy of `days` would delete if it ran now. */
export async function countInactiveChats(db: Pick<Db, "execute">, organizationId: string, cutoff: Date): Promise<{ chats: number; messages: number }> {
  const [row] = await queryRows<{ chats: number | string; messages: number | string }>(
    db,
    sql`with old as (select id from chats where organization_id = ${organizationId} and updated_at < ${cutoff.toISOString()}::timestamptz)
      select (select count(*) from old) as chats, (select count(*) from messages where chat_id in (select id from old)) as messages`,
  );
  return { chats: Number(row?.chats ?? 0), messages: Number(row?.messages ?? 0) };
}

/** The policy as saved (every member sees it in Chat, so reading it asks no permission). */
export async function getRetentionPolicy(db: Pick<Db, "select">, organizationId: string): Promise<RetentionPolicy | null> {
  const [row] = await db
    .select({ days: organizations.chatRetentionDays, plan: organizations.plan })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row ? { days: row.days, applied: row.days !== null && planIncludes(row.plan, "chatRetention") } : null;
}

/** The policy for the console and the API: Admins of a Team or Enterprise organization. */
export async function readRetentionPolicy(db: Db, caller: LifecycleActor | null): Promise<Result<{ policy: RetentionPolicy }, RetentionError>> {
  const door = guard(caller, "organization.retention", z.object({}), {});
  if (!door.ok) return door;
  const policy = await getRetentionPolicy(db, door.actor.organization.id);
  return policy ? { ok: true, policy } : fail("organizationDeleted");
}

/** What a new setting would delete now, said before it is saved. */
export async function previewRetention(
  db: Db,
  caller: LifecycleActor | null,
  input: unknown,
  now = new Date(),
): Promise<Result<{ days: number | null; chats: number; messages: number }, RetentionError>> {
  const door = guard(caller, "organization.retention", retentionSchema, input);
  if (!door.ok) return door;
  const { days } = door.input;
  if (days === null) return { ok: true, days, chats: 0, messages: 0 };
  return { ok: true, days, ...(await countInactiveChats(db, door.actor.organization.id, retentionCutoff(days, now))) };
}

/**
 * Saves the policy; the daily round applies it (a shorter period takes effect at the next round,
 * never in this request).
 */
export async function setRetentionPolicy(
  db: Db,
  caller: LifecycleActor | null,
  input: unknown,
): Promise<Result<{ days: number | null; changed: boolean }, RetentionError>> {
  const door = guard(caller, "organization.retention", retentionSchema, input);
  if (!door.ok) return door;
  const { actor } = door;
  const { days } = door.input;
  return db.transaction(async (tx) => {
    const [organization] = await tx
      .select()
      .from(organizations)
      .where(and(eq(organizations.id, actor.organization.id), eq(organizations.status, "active")))
      .for("no key update");
    if (!organization) return fail("organizationDeleted");
    if (organization.chatRetentionDays === days) return { ok: true as const, days, changed: false };
    await tx.update(organizations).set({ chatRetentionDays: days, updatedAt: new Date() }).where(eq(organizations.id, organization.id));
    await recordAudit(tx, {
      organizationId: organization.id,
      ...auditActorOf(actor),
      action: "organization.retentionChanged",
      data: { from: organization.chatRetentionDays, to: days },
    });
    return { ok: true as const, days, changed: true };
  });
}

/**
 * The daily round's part: queues one retention job per active organization whose plan applies
 * its policy. The cutoff is fixed now, so the job removes the same chats however long it runs.
 */
export async function scheduleRetentionJobs(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: organizations.id, days: organizations.chatRetentionDays })
    .from(organizations)
    .where(and(isNotNull(organizations.chatRetentionDays), eq(organizations.status, "active"), inArray(organizations.plan, [...plansWith("chatRetention")])));
  let queued = 0;
  for (const organization of due) {
    const cutoff = retentionCutoff(organization.days!, now);
    const totals = await countInactiveChats(db, organization.id, cutoff);
    if (totals.chats === 0) continue;
    const { created } = await startJob(db, {
      kind: "chat_retention",
      organizationId: organization.id,
      requestedBy: null,
      progress: { chats: 0, messages: 0, totalChats: totals.chats, totalMessages: totals.messages, cutoff: cutoff.toISOString() },
    });
    if (created) queued += 1;
  }
  return queued;
}
