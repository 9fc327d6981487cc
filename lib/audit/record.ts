import "server-only";
import { auditEvents } from "@/db/schema";
import type { Db } from "@/db";

/** Actions the audit log records; the console translates each as `Audit.actions.<action>`. */
export type AuditAction =
  | "organization.created"
  | "organization.renamed"
  | "organization.chatsPurgeRequested"
  | "organization.chatsPurged"
  | "organization.deletionRequested"
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
  | "twoStep.enabled"
  | "twoStep.disabled"
  | "twoStep.recoveryCodesRegenerated"
  | "twoStep.recoveryCodeUsed"
  | "twoStep.resetByAdmin"
  | "twoStep.resetBySystem"
  | "twoStep.policyChanged"
  | "session.secondStepFailed"
  | "session.identityConfirmed";

type Executor = Pick<Db, "insert">;

export async function recordAudit(
  db: Executor,
  event: {
    organizationId: string;
    actorId: string | null;
    action: AuditAction;
    target?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditEvents).values({
    organizationId: event.organizationId,
    actorId: event.actorId,
    action: event.action,
    target: event.target ?? null,
    data: event.data ?? {},
  });
}
