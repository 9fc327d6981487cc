import "server-only";
import type { AuditActorFields } from "@/lib/core/actor";
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { emailTokens, organizations, users, type Organization } from "@/db/schema";
import type { Db, Tx } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { fail, type Result } from "@/lib/core/result";
import { countOrganizationContent, startJob } from "@/lib/jobs/jobs";
import { noticeRecipients } from "@/lib/jobs/notices";
import { composeMail, sendMail } from "@/lib/mail/mailer";
import { consumeEmailToken, issueEmailToken, lookupEmailToken } from "@/lib/mail/email-tokens";
import { restoreSchema } from "./schemas";

/**
 * `ORGANIZATION_DELETION_GRACE_DAYS`: 0 (the default) deletes at once, as the product promises;
 * above 0 an organization waits that many days, locked, before its deletion job starts.
 */
export function deletionGraceDays(env: Record<string, string | undefined> = process.env): number {
  const days = Number(env.ORGANIZATION_DELETION_GRACE_DAYS ?? 0);
  return Number.isInteger(days) && days > 0 && days <= 365 ? days : 0;
}

/** A restore link waiting to be emailed once the scheduling transaction commits. */
export type RestoreMail = { email: string; name: string; locale: "fr" | "en"; token: string };

/**
 * Inside the deletion request's transaction: locks the organization out until `until` and issues
 * one single-use restore link per Admin, valid as long as the grace period.
 */
export async function scheduleDeletion(tx: Tx, organization: Organization, who: AuditActorFields, until: Date): Promise<RestoreMail[]> {
  await tx.update(organizations).set({ status: "scheduled_deletion", deletionScheduledFor: until, updatedAt: new Date() }).where(eq(organizations.id, organization.id));
  const admins = await noticeRecipients(tx, organization.id, "admins");
  const mails: RestoreMail[] = [];
  for (const admin of admins) {
    const token = await issueEmailToken(tx, { purpose: "organizationRestore", email: admin.email, payload: { organizationId: organization.id, userId: admin.id }, expiresAt: until });
    mails.push({ email: admin.email, name: admin.name, locale: admin.locale, token });
  }
  await recordAudit(tx, { organizationId: organization.id, ...who, action: "organization.deletionScheduled", data: { until: until.toISOString() } });
  return mails;
}

/** Emails every Admin their restore link (after the scheduling committed). */
export async function sendRestoreLinks(mails: readonly RestoreMail[], values: { origin: string; organization: string; requester: string; until: Date }) {
  for (const mail of mails) {
    const date = new Intl.DateTimeFormat(mail.locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(values.until);
    await sendMail(
      composeMail(mail.email, mail.locale, "deletionScheduled", {
        name: mail.name,
        organization: values.organization,
        requester: values.requester,
        date: `${date} UTC`,
        link: `${values.origin}/${mail.locale}/restore-organization?token=${mail.token}`,
      }),
    );
  }
}

export type RestoreError = "validation" | "unknown" | "used" | "expired" | "notScheduled";

/** What the restore page shows before anyone clicks (a GET, or a mail scanner, never restores). */
export async function describeRestoreLink(db: Db, token: unknown): Promise<Result<{ organizationName: string; until: Date }, RestoreError>> {
  const link = await lookupEmailToken(db, "organizationRestore", token);
  if (link.status !== "valid") return fail(link.status);
  const [organization] = await db.select().from(organizations).where(eq(organizations.id, String(link.payload.organizationId)));
  if (!organization || organization.status !== "scheduled_deletion" || !organization.deletionScheduledFor) return fail("notScheduled");
  return { ok: true, organizationName: organization.name, until: organization.deletionScheduledFor };
}

/**
 * Restores a scheduled organization through an Admin's emailed link: the link is used up, the
 * other Admins' links stop working, and the organization is active again with everything in it.
 */
export async function restoreOrganization(db: Db, input: unknown, now = new Date()): Promise<Result<{ organizationName: string }, RestoreError>> {
  const parsed = restoreSchema.safeParse(input);
  if (!parsed.success) return fail("unknown");
  return db.transaction(async (tx) => {
    const link = await consumeEmailToken(tx, "organizationRestore", parsed.data.token, now);
    if (link.status !== "valid") return fail(link.status);
    const organizationId = String(link.payload.organizationId);
    const [organization] = await tx.select().from(organizations).where(eq(organizations.id, organizationId)).for("no key update");
    if (!organization || organization.status !== "scheduled_deletion") return fail("notScheduled");
    const [admin] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, link.email), eq(users.organizationId, organizationId)));
    await tx.update(organizations).set({ status: "active", deletionScheduledFor: null, updatedAt: now }).where(eq(organizations.id, organizationId));
    await tx.delete(emailTokens).where(and(eq(emailTokens.purpose, "organizationRestore"), isNull(emailTokens.usedAt), sql`${emailTokens.payload}->>'organizationId' = ${organizationId}`));
    await recordAudit(tx, { organizationId, actorId: admin?.id ?? null, action: "organization.restored", data: {} });
    return { ok: true as const, organizationName: organization.name };
  });
}

/**
 * The daily round's part: organizations whose grace period ended turn `deleting` and their
 * deletion job starts (the job then works as an immediate deletion does).
 */
export async function startDueDeletions(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.status, "scheduled_deletion"), lte(organizations.deletionScheduledFor, now)));
  for (const { id } of due) {
    const totals = await countOrganizationContent(db, id);
    await db.transaction(async (tx) => {
      const moved = await tx
        .update(organizations)
        .set({ status: "deleting", updatedAt: now })
        .where(and(eq(organizations.id, id), eq(organizations.status, "scheduled_deletion")))
        .returning({ id: organizations.id });
      if (moved.length === 0) return;
      await startJob(tx, {
        kind: "delete_organization",
        organizationId: id,
        requestedBy: null,
        progress: { chats: 0, messages: 0, users: 0, totalChats: totals.chats, totalMessages: totals.messages, totalUsers: totals.users },
      });
    });
  }
  return due.length;
}
