import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { jobs, organizations, users, type Job, type Organization } from "@/db/schema";
import type { Db, Tx } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { forgetContentCounts, getContentCounts, getLatestJobs, startJob } from "@/lib/jobs/jobs";
import { verifyPassword } from "@/lib/core/passwords";
import { guard } from "@/lib/core/guard";
import { fail, type Result } from "@/lib/core/result";
import { deleteOrganizationSchema, purgeChatsSchema, renameOrganizationSchema } from "./schemas";
import { revokeOrganizationSessions } from "@/lib/sessions/sessions";
import { auditActorOf, type Actor } from "@/lib/core/actor";
import { noticeRecipients, sendNotices } from "@/lib/jobs/notices";
import { deletionGraceDays, scheduleDeletion, sendRestoreLinks } from "@/lib/lifecycle/deletion-grace";
import { requireRecentCheck } from "@/lib/two-step/step-up";

export type OrganizationError = "forbidden" | "validation" | "wrongPassword" | "organizationDeleted" | "stepUpRequired";

/**
 * Locks the organization row for the rest of the transaction; null once it is being deleted.
 * FOR NO KEY UPDATE, as every lock on this row: writers of the organization wait for each other,
 * but rows that only point at it (an audit event written by a transaction that already holds the
 * organization's audit chain) go in; FOR UPDATE would block their foreign-key check and deadlock.
 */
async function lockActiveOrganization(tx: Tx, organizationId: string) {
  const [organization] = await tx
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), eq(organizations.status, "active")))
    .for("no key update");
  return organization ?? null;
}

/** Renames the viewer's organization; every member sees the new name on their next page. */
export async function renameOrganization(
  db: Db,
  caller: Actor | null,
  input: Record<string, unknown>,
): Promise<Result<{ name: string; changed: boolean; organization: OrganizationSummary }, OrganizationError>> {
  const door = guard(caller, "organization.rename", renameOrganizationSchema, input);
  if (!door.ok) return door;
  const { actor } = door;
  const { name } = door.input;
  return db.transaction(async (tx) => {
    const organization = await lockActiveOrganization(tx, actor.organization.id);
    if (!organization) return fail("organizationDeleted");
    const [members] = await tx.select({ value: count() }).from(users).where(eq(users.organizationId, organization.id));
    const summary = { id: organization.id, name, plan: organization.plan, createdAt: organization.createdAt, members: members?.value ?? 0 };
    if (organization.name === name) return { ok: true as const, name, changed: false, organization: summary };
    await tx.update(organizations).set({ name, updatedAt: new Date() }).where(eq(organizations.id, organization.id));
    await recordAudit(tx, {
      organizationId: organization.id,
      ...auditActorOf(actor),
      action: "organization.renamed",
      target: organization.id,
      data: { from: organization.name, to: name },
    });
    return { ok: true as const, name, changed: true, organization: summary };
  });
}

/**
 * Queues the removal of every chat and message of the viewer's organization (users stay). The
 * work runs in the background; asking again while it runs answers the same job.
 */
export async function requestChatPurge(
  db: Db,
  caller: Actor | null,
  input: Record<string, unknown>,
): Promise<Result<{ job: Job; created: boolean }, OrganizationError>> {
  const door = guard(caller, "organization.purgeChats", (actor) => purgeChatsSchema(actor.organization.name), input);
  if (!door.ok) return door;
  const { actor } = door;
  const stale = await requireRecentCheck(db, actor);
  if (stale) return stale;
  // Totals for the progress bar; the job counts what it really removes.
  const totals = await getContentCounts(db, actor.organization.id);
  const result = await db.transaction(async (tx) => {
    const organization = await lockActiveOrganization(tx, actor.organization.id);
    if (!organization) return fail("organizationDeleted");
    const { job, created } = await startJob(tx, {
      kind: "purge_chats",
      organizationId: organization.id,
      requestedBy: actor.id,
      progress: { chats: 0, messages: 0, totalChats: totals.chats, totalMessages: totals.messages },
    });
    if (created) {
      await recordAudit(tx, {
        organizationId: organization.id,
        ...auditActorOf(actor),
        action: "organization.chatsPurgeRequested",
        data: { chats: totals.chats, messages: totals.messages, jobId: job.id },
      });
    }
    return { ok: true as const, job, created, organizationName: organization.name };
  });
  forgetContentCounts(actor.organization.id);
  if (result.ok && result.created) {
    await sendNotices(await noticeRecipients(db, actor.organization.id, "admins"), "purgeRequested", {
      organization: result.organizationName,
      requester: actor.name,
      chats: totals.chats,
      messages: totals.messages,
    });
  }
  return result;
}

/**
 * Deletes the viewer's organization: from this transaction on it is `deleting`, so nobody can
 * use it; a background job then removes its chats in batches and finally the organization row.
 * With a grace period (`ORGANIZATION_DELETION_GRACE_DAYS`) it is `scheduled_deletion` instead:
 * locked the same way, every Admin emailed a restore link, the job started when the period ends.
 * `origin` (the public origin) builds the restore links.
 */
export async function requestOrganizationDeletion(
  db: Db,
  caller: Actor | null,
  input: Record<string, unknown>,
  options: { origin?: string; graceDays?: number; now?: Date } = {},
): Promise<Result<{ job: Job | null; scheduledFor: Date | null }, OrganizationError>> {
  // A person confirms with their password too; a key holds the explicit `organization:delete` scope instead.
  const door = guard(caller, "organization.delete", (actor) => (actor.kind === "api_key" ? purgeChatsSchema : deleteOrganizationSchema)(actor.organization.name), input);
  if (!door.ok) return door;
  const { actor } = door;
  if (actor.kind !== "api_key") {
    const password = (door.input as { password?: string }).password ?? "";
    const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      return fail("wrongPassword", { password: ["wrongPassword"] });
    }
  }
  const stale = await requireRecentCheck(db, actor, { passwordJustChecked: true });
  if (stale) return stale;
  const totals = await getContentCounts(db, actor.organization.id);
  const graceDays = options.graceDays ?? deletionGraceDays();
  const now = options.now ?? new Date();
  if (graceDays > 0) {
    const until = new Date(now.getTime() + graceDays * 24 * 60 * 60 * 1000);
    const scheduled = await db.transaction(async (tx) => {
      const organization = await lockActiveOrganization(tx, actor.organization.id);
      if (!organization) return null;
      await revokeOrganizationSessions(tx, organization.id);
      return { name: organization.name, mails: await scheduleDeletion(tx, organization, auditActorOf(actor), until) };
    });
    if (!scheduled) return fail("organizationDeleted");
    await sendRestoreLinks(scheduled.mails, { origin: options.origin ?? "", organization: scheduled.name, requester: actor.name, until });
    return { ok: true, job: null, scheduledFor: until };
  }
  const result = await db.transaction(async (tx) => {
    const organization = await lockActiveOrganization(tx, actor.organization.id);
    if (!organization) return fail("organizationDeleted");
    await tx.update(organizations).set({ status: "deleting", updatedAt: new Date() }).where(eq(organizations.id, organization.id));
    await revokeOrganizationSessions(tx, organization.id);
    const { job } = await startJob(tx, {
      kind: "delete_organization",
      organizationId: organization.id,
      requestedBy: actor.id,
      progress: { chats: 0, messages: 0, users: 0, totalChats: totals.chats, totalMessages: totals.messages, totalUsers: totals.users },
    });
    await recordAudit(tx, {
      organizationId: organization.id,
      ...auditActorOf(actor),
      action: "organization.deletionRequested",
      data: { name: organization.name, ...totals, jobId: job.id },
    });
    const admins = await noticeRecipients(tx, organization.id, "admins");
    return { ok: true as const, job, scheduledFor: null, admins, organizationName: organization.name };
  });
  if (!result.ok) return result;
  await sendNotices(result.admins, "deletionRequested", { organization: result.organizationName, requester: actor.name, ...totals });
  return { ok: true, job: result.job, scheduledFor: null };
}

/** The organization's number of members, as a column of a query on `organizations` (one query, not two). */
const memberCount = sql<number>`(select count(*)::int from ${users} where ${users.organizationId} = ${organizations.id})`;

/** What the Organization page shows: name, ID, members, what a purge or deletion would remove, jobs. */
export async function getOrganizationSettings(db: Db, organizationId: string) {
  const [[row], content, jobs] = await Promise.all([
    db.select({ organization: organizations, members: memberCount }).from(organizations).where(eq(organizations.id, organizationId)),
    getContentCounts(db, organizationId),
    getLatestJobs(db, organizationId),
  ]);
  return row ? { organization: row.organization, members: row.members, chats: content.chats, messages: content.messages, jobs } : null;
}

export type OrganizationSummary = { id: string; name: string; plan: Organization["plan"]; createdAt: Date; members: number };

/** The actor's organization as the API shows it: name, ID, plan, creation date, number of members. */
export async function getOrganization(db: Db, caller: Actor | null): Promise<Result<{ organization: OrganizationSummary }, OrganizationError>> {
  const door = guard(caller, "organization.view");
  if (!door.ok) return door;
  // One query: the API asks this often, and the content counts of the Organization page are not needed.
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name, plan: organizations.plan, status: organizations.status, createdAt: organizations.createdAt, members: memberCount })
    .from(organizations)
    .where(eq(organizations.id, door.actor.organization.id));
  if (!row || row.status !== "active") return fail("organizationDeleted");
  const { status: _status, ...organization } = row;
  return { ok: true, organization };
}

const jobIdSchema = z.object({ jobId: z.uuid() });

/** One of the organization's jobs (a chat purge, a deletion), with its progress. */
const followableJobKinds: readonly Job["kind"][] = ["purge_chats", "delete_organization"];

export async function getOrganizationJob(db: Db, caller: Actor | null, input: Record<string, unknown>): Promise<Result<{ job: Job }, "forbidden" | "notFound">> {
  const door = guard(caller, "organization.view", jobIdSchema, input, { invalid: () => fail("notFound") });
  if (!door.ok) return door;
  const [job] = await db.select().from(jobs).where(and(eq(jobs.id, door.input.jobId), eq(jobs.organizationId, door.actor.organization.id)));
  // Only the jobs this door starts: an export is followed at /exports/{id} by whoever started it
  // (its own scope), and the daily round's jobs are nobody's to poll.
  return job && followableJobKinds.includes(job.kind) ? { ok: true, job } : fail("notFound");
}
