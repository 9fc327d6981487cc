import "server-only";
import { and, asc, count, eq, ilike, or } from "drizzle-orm";
import { organizations, users, type Role } from "@/db/schema";
import type { Db, Reader, Tx } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { verifyPassword } from "@/lib/core/passwords";
import { guard } from "@/lib/core/guard";
import { can, type Action } from "@/lib/core/permissions";
import { fail, type FieldErrors, type Result } from "@/lib/core/result";
import { leaveOrganizationSchema, memberRoleSchema, removeMemberSchema } from "./schemas";
import { auditActorOf, type Actor, type Viewer } from "@/lib/core/actor";
import { revokeSessions } from "@/lib/sessions/sessions";
import { hasTwoStep } from "@/lib/two-step/has-two-step";

export type MemberError = "forbidden" | "validation" | "notFound" | "lastAdmin" | "memberEmailMismatch";

export type Member = { id: string; name: string; email: string; role: Role; billing: boolean; createdAt: Date };

/** A malformed person ID answers as a person not found; other fields answer `validation`. */
const unknownPerson = (fields: FieldErrors) => (fields.userId ? fail("notFound") : fail("validation", fields));

/**
 * Locks the actor's organization row for the rest of the transaction, then asks the matrix again
 * with the actor's role as the database says now: two Admins acting at once are serialized, and
 * an Admin demoted a moment ago can no longer act.
 */
export async function lockOrganizationAs<A extends Actor>(tx: Tx, actor: A, action: Action): Promise<A | null> {
  const [organization] = await tx
    .select({ id: organizations.id, plan: organizations.plan, status: organizations.status })
    .from(organizations)
    .where(eq(organizations.id, actor.organization.id))
    .for("no key update");
  if (actor.kind === "api_key") {
    // A key's scopes are fixed; the organization's plan and status are read again.
    if (!organization || organization.status !== "active") return null;
    const fresh = { ...actor, plan: organization.plan, organization: { ...actor.organization, plan: organization.plan } };
    return can(fresh, action) ? fresh : null;
  }
  const [current] = await tx
    .select({ role: users.role, billing: users.billing })
    .from(users)
    .where(and(eq(users.id, actor.id), eq(users.organizationId, actor.organization.id)));
  if (!organization || organization.status !== "active" || !current) return null;
  const fresh = { ...actor, ...current, plan: organization.plan, organization: { ...actor.organization, plan: organization.plan } };
  return can(fresh, action) ? fresh : null;
}

/**
 * The organization never loses its last Admin: its only Admin may not be demoted, removed or
 * leave. Domain functions, pages and components all ask this one rule.
 */
export function isLastAdmin(person: { role: Role }, adminCount: number): boolean {
  return person.role === "admin" && adminCount <= 1;
}

/** How many Admins the organization has (inside a transaction that locked it, the count holds). */
export async function countAdmins(db: Reader, organizationId: string): Promise<number> {
  const [row] = await db.select({ value: count() }).from(users).where(and(eq(users.organizationId, organizationId), eq(users.role, "admin")));
  return row?.value ?? 0;
}

/** How many people the organization has. */
export async function countMembers(db: Reader, organizationId: string): Promise<number> {
  const [row] = await db.select({ value: count() }).from(users).where(eq(users.organizationId, organizationId));
  return row?.value ?? 0;
}

/** The organization's people, oldest first, optionally filtered by a piece of name or email. */
export async function listMembers(
  db: Db,
  caller: Actor | null,
  input: { query?: string; withTwoStep?: boolean } = {},
): Promise<Result<{ members: (Member & { lastAdmin: boolean; twoStep?: boolean })[]; adminCount: number }, "forbidden">> {
  const door = guard(caller, "members.view");
  if (!door.ok) return door;
  const { actor } = door;
  const text = (input.query ?? "").trim().slice(0, 100);
  const pattern = `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
  const organizationId = eq(users.organizationId, actor.organization.id);
  const rows = await db
    // Whether each has two-step sign-in, when asked (the Members page's column): seen by whoever sees the list.
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, billing: users.billing, createdAt: users.createdAt, ...(input.withTwoStep ? { twoStep: hasTwoStep(users.id) } : {}) })
    .from(users)
    .where(text ? and(organizationId, or(ilike(users.name, pattern), ilike(users.email, pattern))) : organizationId)
    .orderBy(asc(users.createdAt), asc(users.email));
  // Unfiltered, the rows are everyone: their Admins are the count.
  const adminCount = text ? await countAdmins(db, actor.organization.id) : rows.filter((row) => row.role === "admin").length;
  return { ok: true, members: rows.map((member) => ({ ...member, lastAdmin: isLastAdmin(member, adminCount) })), adminCount };
}

/** Sets a member's role and Billing flag; the organization always keeps one Admin. */
export async function changeMemberRole(
  db: Db,
  caller: Actor | null,
  input: Record<string, unknown>,
): Promise<Result<{ member: Member; changed: boolean }, MemberError>> {
  const door = guard(caller, "members.manage", memberRoleSchema, input, { invalid: unknownPerson });
  if (!door.ok) return door;
  const { actor } = door;
  const { userId, role, billing } = door.input;
  return db.transaction(async (tx) => {
    const fresh = await lockOrganizationAs(tx, actor, "members.manage");
    if (!fresh) return fail("forbidden");
    const [target] = await tx.select().from(users).where(and(eq(users.id, userId), eq(users.organizationId, actor.organization.id)));
    if (!target) return fail("notFound");
    if (role !== "admin" && isLastAdmin(target, await countAdmins(tx, actor.organization.id))) {
      return fail("lastAdmin", { role: ["lastAdmin"] });
    }
    const member = { id: target.id, name: target.name, email: target.email, role, billing, createdAt: target.createdAt };
    if (target.role === role && target.billing === billing) return { ok: true as const, member, changed: false };
    await tx.update(users).set({ role, billing }).where(eq(users.id, target.id));
    // Losing a role ends the person's sessions (their own current one stays when they demote themselves).
    if ((target.role === "admin" && role !== "admin") || (target.billing && !billing)) {
      await revokeSessions(tx, target.id, "demoted", { except: actor.kind !== "api_key" && target.id === actor.id ? (actor.sessionId ?? null) : null });
    }
    const audit = { organizationId: actor.organization.id, ...auditActorOf(actor), target: target.email };
    if (target.role !== role) await recordAudit(tx, { ...audit, action: "member.roleChanged", data: { from: target.role, to: role } });
    if (target.billing !== billing) await recordAudit(tx, { ...audit, action: "member.billingChanged", data: { from: target.billing, to: billing } });
    return { ok: true as const, member, changed: true };
  });
}

/** Removes a person and, by cascade, their chats, after the Admin typed that person's email. */
export async function removeMember(
  db: Db,
  caller: Actor | null,
  input: Record<string, unknown>,
): Promise<Result<{ removed: { email: string; name: string } }, MemberError>> {
  const door = guard(caller, "members.manage", removeMemberSchema, input, { invalid: unknownPerson });
  if (!door.ok) return door;
  const { actor } = door;
  const { userId, confirmation } = door.input;
  return db.transaction(async (tx) => {
    const fresh = await lockOrganizationAs(tx, actor, "members.manage");
    if (!fresh) return fail("forbidden");
    const [target] = await tx.select().from(users).where(and(eq(users.id, userId), eq(users.organizationId, actor.organization.id)));
    if (!target) return fail("notFound");
    if (confirmation !== target.email) return fail("memberEmailMismatch", { confirmation: ["memberEmailMismatch"] });
    if (isLastAdmin(target, await countAdmins(tx, actor.organization.id))) return fail("lastAdmin");
    await revokeSessions(tx, target.id, "removed");
    await tx.delete(users).where(eq(users.id, target.id));
    await recordAudit(tx, {
      organizationId: actor.organization.id,
      ...(target.id === actor.id ? { actorId: null } : auditActorOf(actor)),
      action: "member.removed",
      target: target.email,
      data: { name: target.name, role: target.role },
    });
    return { ok: true as const, removed: { email: target.email, name: target.name } };
  });
}

/**
 * Anyone may leave: their account and their chats go, after they typed their own email and
 * password. The last Admin stays until someone else is Admin.
 */
export async function leaveOrganization(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<object, MemberError | "wrongPassword" | "ownEmailMismatch">> {
  const door = guard(caller, "organization.leave", leaveOrganizationSchema, input);
  if (!door.ok) return door;
  const { actor } = door;
  const { confirmation, password } = door.input;
  if (confirmation !== actor.email) return fail("ownEmailMismatch", { confirmation: ["ownEmailMismatch"] });
  const [self] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!self || !(await verifyPassword(password, self.passwordHash))) return fail("wrongPassword", { password: ["wrongPassword"] });
  return db.transaction(async (tx) => {
    const fresh = await lockOrganizationAs(tx, actor, "organization.leave");
    if (!fresh) return fail("forbidden");
    if (isLastAdmin(fresh, await countAdmins(tx, actor.organization.id))) return fail("lastAdmin");
    await revokeSessions(tx, actor.id, "left");
    await tx.delete(users).where(eq(users.id, actor.id));
    await recordAudit(tx, {
      organizationId: actor.organization.id,
      actorId: null,
      action: "member.left",
      target: actor.email,
      data: { name: actor.name, role: fresh.role },
    });
    return { ok: true as const };
  });
}
