import "server-only";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { invitations, organizations, users, type Locale, type Role } from "@/db/schema";
import type { Db, Tx } from "@/lib/core/db";
import { hashToken, isTokenShaped, newToken } from "@/lib/core/tokens";
import { recordAudit } from "@/lib/audit/record";
import { isUniqueViolation } from "@/lib/core/db";
import { verifiedElsewhere } from "@/lib/domains/domains";
import { lockOrganizationAs } from "./members";
import { hashPassword } from "@/lib/core/passwords";
import { guard, validate } from "@/lib/core/guard";
import { planIncludes } from "@/lib/core/plans";
import { fail, type Result } from "@/lib/core/result";
import { acceptInvitationSchema, invitationSchema, revokeInvitationSchema } from "./schemas";
import type { Viewer } from "@/lib/core/actor";

const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1);

/** An invitation link works for seven days, once. */
export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export type InvitationError = "forbidden" | "validation" | "emailHasAccount" | "emailDomainClaimed" | "notFound";

export type PendingInvitation = { id: string; email: string; role: Role; billing: boolean; expiresAt: Date; invitedBy: string | null };

/** Invites someone by email; the token comes back once, for the Admin to copy or to email. */
export async function createInvitation(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ token: string; invitation: PendingInvitation }, InvitationError>> {
  const door = guard(caller, "members.invite", invitationSchema, input);
  if (!door.ok) return door;
  const { actor } = door;
  const { email: address, role, billing } = door.input;
  const token = newToken();
  const expiresAt = new Date(now.getTime() + invitationLifetimeMs);
  return db.transaction(async (tx) => {
    if (!(await lockOrganizationAs(tx, actor, "members.invite"))) return fail("forbidden");
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, address));
    if (existing) return fail("emailHasAccount", { email: ["emailHasAccount"] });
    // Another organization verified this address's domain: inviting its people here would lock them out of theirs.
    if (await verifiedElsewhere(tx, domainOf(address), actor.organization.id)) {
      return fail("emailDomainClaimed", { email: ["emailDomainClaimed"] });
    }
    // A new invitation for the same email replaces the pending one: only the latest link works.
    await revokePending(tx, actor.organization.id, now, address);
    const [row] = await tx
      .insert(invitations)
      .values({ organizationId: actor.organization.id, email: address, role, billing, tokenHash: hashToken(token), invitedBy: actor.id, expiresAt })
      .returning();
    await recordAudit(tx, { organizationId: actor.organization.id, actorId: actor.id, context: actor.context, action: "invitation.created", target: address, data: { role, billing } });
    return { ok: true as const, token, invitation: { id: row!.id, email: address, role, billing, expiresAt, invitedBy: actor.name } };
  });
}

/** Revokes pending invitations of an organization (one email, or all); returns how many. */
export async function revokePending(tx: Tx, organizationId: string, now: Date, address?: string): Promise<number> {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.organizationId, organizationId), pendingAt(now), address ? eq(invitations.email, address) : undefined))
    .returning({ id: invitations.id });
  return rows.length;
}

function pendingAt(now: Date) {
  return and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));
}

export async function listPendingInvitations(db: Db, caller: Viewer | null, now = new Date()): Promise<Result<{ invitations: PendingInvitation[] }, "forbidden">> {
  const door = guard(caller, "members.view");
  if (!door.ok) return door;
  const { actor } = door;
  const rows = await db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, billing: invitations.billing, expiresAt: invitations.expiresAt, invitedBy: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.organizationId, actor.organization.id), pendingAt(now)))
    .orderBy(desc(invitations.createdAt));
  return { ok: true, invitations: rows };
}

export async function revokeInvitation(db: Db, caller: Viewer | null, input: Record<string, unknown>, now = new Date()): Promise<Result<{ email: string }, InvitationError>> {
  const door = guard(caller, "members.manage", revokeInvitationSchema, input, { invalid: () => fail("notFound") });
  if (!door.ok) return door;
  const { actor } = door;
  return db.transaction(async (tx) => {
    if (!(await lockOrganizationAs(tx, actor, "members.manage"))) return fail("forbidden");
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.id, door.input.invitationId), eq(invitations.organizationId, actor.organization.id), pendingAt(now)))
      .returning({ email: invitations.email });
    if (!row) return fail("notFound");
    await recordAudit(tx, { organizationId: actor.organization.id, actorId: actor.id, context: actor.context, action: "invitation.revoked", target: row.email });
    return { ok: true as const, email: row.email };
  });
}

export type InvitationLookup =
  | { status: "valid"; email: string; role: Role; billing: boolean; organizationName: string; inviterName: string | null; expiresAt: Date }
  | { status: "expired" | "revoked" | "used" | "unknown" };

/** What an invitation link leads to; an unknown, malformed or foreign token is "unknown". */
export async function lookupInvitation(db: Db | Tx, token: string, now = new Date(), lock = false): Promise<InvitationLookup & { id?: string; organizationId?: string }> {
  if (!isTokenShaped(token)) return { status: "unknown" };
  const query = db
    .select({ invitation: invitations, organizationName: organizations.name, plan: organizations.plan, orgStatus: organizations.status, inviterName: users.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, hashToken(token)));
  const [row] = lock ? await query.for("update", { of: invitations }) : await query;
  if (!row || row.orgStatus !== "active") return { status: "unknown" };
  const { invitation } = row;
  if (invitation.acceptedAt) return { status: "used" };
  if (invitation.revokedAt || !planIncludes(row.plan, "invitations")) return { status: "revoked" };
  if (invitation.expiresAt <= now) return { status: "expired" };
  return {
    status: "valid",
    id: invitation.id,
    organizationId: invitation.organizationId,
    email: invitation.email,
    role: invitation.role,
    billing: invitation.billing,
    organizationName: row.organizationName,
    inviterName: row.inviterName,
    expiresAt: invitation.expiresAt,
  };
}

export type AcceptError = "validation" | "invitationUnavailable" | "emailHasAccount" | "invitationDomainClaimed";

/** Creates the invitee's account from a valid link and uses the link up, in one transaction. */
export async function acceptInvitation(
  db: Db,
  input: { token: unknown } & Record<string, unknown>,
  options: { locale: Locale },
  now = new Date(),
): Promise<Result<{ user: { id: string; email: string; organizationId: string } }, AcceptError>> {
  const parsed = validate(acceptInvitationSchema, input);
  if (!parsed.ok) return parsed;
  const passwordHash = await hashPassword(parsed.input.password);
  try {
    return await db.transaction(async (tx) => {
      const invitation = await lookupInvitation(tx, String(input.token ?? ""), now, true);
      if (invitation.status !== "valid") return fail("invitationUnavailable");
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
      if (taken) return fail("emailHasAccount");
      // The domain was verified by another organization after the link was sent: the person belongs there.
      if (await verifiedElsewhere(tx, domainOf(invitation.email), invitation.organizationId!)) return fail("invitationDomainClaimed");
      const [user] = await tx
        .insert(users)
        .values({ organizationId: invitation.organizationId!, email: invitation.email, name: parsed.input.name, passwordHash, locale: options.locale, role: invitation.role, billing: invitation.billing })
        .returning();
      await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, invitation.id!));
      const audit = { organizationId: invitation.organizationId!, actorId: user!.id, target: invitation.email };
      await recordAudit(tx, { ...audit, action: "invitation.accepted" });
      await recordAudit(tx, { ...audit, action: "member.joined", data: { role: invitation.role, billing: invitation.billing } });
      return { ok: true as const, user: { id: user!.id, email: user!.email, organizationId: user!.organizationId } };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("emailHasAccount");
    throw error;
  }
}

/** How many invitations of an organization are pending now (for the plan change preview). */
export async function countPending(db: Db | Tx, organizationId: string, now = new Date()): Promise<number> {
  const [row] = await db.select({ value: sql<number>`count(*)::int` }).from(invitations).where(and(eq(invitations.organizationId, organizationId), pendingAt(now)));
  return row?.value ?? 0;
}
