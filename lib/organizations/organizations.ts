import "server-only";
import { and, count, eq } from "drizzle-orm";
import { organizations, users, type Job } from "@/db/schema";
import type { Db, Tx } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { forgetContentCounts, getContentCounts, getLatestJobs, startJob } from "@/lib/jobs/jobs";
import { verifyPassword } from "@/lib/core/passwords";
import { guard } from "@/lib/core/guard";
import { fail, type Result } from "@/lib/core/result";
import { deleteOrganizationSchema, purgeChatsSchema, renameOrganizationSchema } from "./schemas";
import { revokeOrganizationSessions } from "@/lib/sessions/sessions";
import type { Viewer } from "@/lib/core/actor";
import { requireRecentCheck } from "@/lib/two-step/step-up";

export type OrganizationError = "forbidden" | "validation" | "wrongPassword" | "organizationDeleted" | "stepUpRequired";

/** Locks the organization row for the rest of the transaction; null once it is being deleted. */
async function lockActiveOrganization(tx: Tx, organizationId: string) {
  const [organization] = await tx
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), eq(organizations.status, "active")))
    .for("update");
  return organization ?? null;
}

/** Renames the viewer's organization; every member sees the new name on their next page. */
export async function renameOrganization(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ name: string; changed: boolean }, OrganizationError>> {
  const door = guard(caller, "organization.rename", renameOrganizationSchema, input);
  if (!door.ok) return door;
  const { actor } = door;
  const { name } = door.input;
  return db.transaction(async (tx) => {
    const organization = await lockActiveOrganization(tx, actor.organization.id);
    if (!organization) return fail("organizationDeleted");
    if (organization.name === name) return { ok: true as const, name, changed: false };
    await tx.update(organizations).set({ name, updatedAt: new Date() }).where(eq(organizations.id, organization.id));
    await recordAudit(tx, {
      organizationId: organization.id,
      actorId: actor.id,
      action: "organization.renamed",
      target: organization.id,
      data: { from: organization.name, to: name },
    });
    return { ok: true as const, name, changed: true };
  });
}

/**
 * Queues the removal of every chat and message of the viewer's organization (users stay). The
 * work runs in the background; asking again while it runs answers the same job.
 */
export async function requestChatPurge(
  db: Db,
  caller: Viewer | null,
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
        actorId: actor.id,
        action: "organization.chatsPurgeRequested",
        data: { chats: totals.chats, messages: totals.messages, jobId: job.id },
      });
    }
    return { ok: true as const, job, created };
  });
  forgetContentCounts(actor.organization.id);
  return result;
}

/**
 * Deletes the viewer's organization: from this transaction on it is `deleting`, so nobody can
 * use it; a background job then removes its chats in batches and finally the organization row.
 */
export async function requestOrganizationDeletion(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ job: Job }, OrganizationError>> {
  const door = guard(caller, "organization.delete", (actor) => deleteOrganizationSchema(actor.organization.name), input);
  if (!door.ok) return door;
  const { actor } = door;
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(door.input.password, user.passwordHash))) {
    return fail("wrongPassword", { password: ["wrongPassword"] });
  }
  const stale = await requireRecentCheck(db, actor, { passwordJustChecked: true });
  if (stale) return stale;
  const totals = await getContentCounts(db, actor.organization.id);
  return db.transaction(async (tx) => {
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
      actorId: actor.id,
      action: "organization.deletionRequested",
      data: { name: organization.name, ...totals, jobId: job.id },
    });
    return { ok: true as const, job };
  });
}

/** What the Organization page shows: name, ID, members, what a purge or deletion would remove, jobs. */
export async function getOrganizationSettings(db: Db, organizationId: string) {
  const [[organization], [members], content, jobs] = await Promise.all([
    db.select().from(organizations).where(eq(organizations.id, organizationId)),
    db.select({ value: count() }).from(users).where(eq(users.organizationId, organizationId)),
    getContentCounts(db, organizationId),
    getLatestJobs(db, organizationId),
  ]);
  return organization ? { organization, members: members?.value ?? 0, chats: content.chats, messages: content.messages, jobs } : null;
}
