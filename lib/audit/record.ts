import "server-only";
import { eq } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import type { AuditActor, RequestContext } from "@/lib/core/actor";
import type { Db } from "@/db";
import type { Tx } from "@/lib/core/db";
import { eventHash, nextLink, storedData, type ChainedContent } from "./chain";
import { queueForStreams } from "./stream-delivery";

/** Actions the audit log records; the console translates each as `Audit.actions.<action>`. */
export type AuditAction =
  | "organization.created"
  | "organization.renamed"
  | "organization.chatsPurgeRequested"
  | "organization.chatsPurged"
  | "organization.deletionRequested"
  | "organization.deletionScheduled"
  | "organization.restored"
  | "organization.retentionChanged"
  | "organization.retentionApplied"
  | "organization.exportRequested"
  | "organization.exportReady"
  | "organization.exportDownloaded"
  | "organization.planChanged"
  | "member.joined"
  | "member.roleChanged"
  | "member.billingChanged"
  | "member.removed"
  | "member.left"
  | "member.signedOutEverywhere"
  | "session.signedIn"
  | "session.signInFailed"
  | "session.ended"
  | "session.othersEnded"
  | "invitation.created"
  | "invitation.revoked"
  | "invitation.accepted"
  | "profile.updated"
  | "profile.passwordChanged"
  | "profile.passwordReset"
  | "domain.added"
  | "domain.verified"
  | "domain.removed"
  | "domain.joinModeChanged"
  | "domain.recordMissing"
  | "domain.released"
  | "joinRequest.created"
  | "joinRequest.approved"
  | "joinRequest.rejected"
  | "sso.configured"
  | "domain.ssoRequiredChanged"
  | "apiKey.created"
  | "apiKey.revoked"
  | "audit.retentionChanged"
  | "audit.retentionApplied"
  | "auditStream.added"
  | "auditStream.removed"
  | "auditStream.secretRotated"
  | "auditStream.resumed"
  | "twoStep.enabled"
  | "twoStep.disabled"
  | "twoStep.recoveryCodesRegenerated"
  | "twoStep.recoveryCodeUsed"
  | "twoStep.resetByAdmin"
  | "twoStep.resetBySystem"
  | "twoStep.policyChanged"
  | "session.secondStepFailed"
  | "session.identityConfirmed";

/** The database or a transaction: an event is appended inside the caller's transaction when there is one. */
type Executor = Db | Tx;

export type AuditEvent = {
  organizationId: string;
  /** The person who acted, when it is a person; their name and email are copied into the event. */
  actorId: string | null;
  /** Who acted, when it is not simply the person `actorId` names (an API key, the system). */
  actor?: AuditActor;
  action: AuditAction;
  target?: string | null;
  data?: Record<string, unknown>;
  context?: RequestContext;
};

/**
 * Appends one event to its organization's hash chain (lib/audit/chain.ts); the actor is stored as a
 * snapshot, so later changes to them rewrite nothing. Called inside the caller's transaction (as a
 * savepoint) or in its own, so the append lock is held until the event commits with the change it records.
 */
export async function recordAudit(db: Executor, event: AuditEvent): Promise<{ id: number; sequence: number }> {
  const actor = event.actor ?? (await personSnapshot(db, event.actorId));
  return db.transaction(async (tx) => {
    const link = await nextLink(tx, event.organizationId);
    const content: ChainedContent = {
      organizationId: event.organizationId,
      sequence: link.sequence,
      actorId: actor.id,
      actorKind: actor.kind,
      actorName: actor.name,
      actorEmail: actor.email,
      clientAddress: event.context?.clientAddress ?? null,
      userAgent: event.context?.userAgent ?? null,
      action: event.action,
      target: event.target ?? null,
      data: storedData(event.data),
      // Milliseconds, as JavaScript reads it back: the hash covers exactly what is stored.
      createdAt: new Date(),
    };
    const hash = eventHash(link.previousHash, content);
    const [row] = await tx
      .insert(auditEvents)
      .values({ ...content, data: content.data as Record<string, unknown>, hash })
      .returning({ id: auditEvents.id, sequence: auditEvents.sequence });
    await queueForStreams(tx, { ...content, id: row!.id, hash });
    return row!;
  });
}

async function personSnapshot(db: Pick<Db, "select">, userId: string | null): Promise<AuditActor> {
  if (!userId) return { kind: "system", id: null, name: null, email: null };
  const [user] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  return { kind: "person", id: userId, name: user?.name ?? null, email: user?.email ?? null };
}
