import { and, asc, count, eq, ilike, ne, or } from "drizzle-orm";
import { z } from "zod";
import { organizations, users, type Role } from "@/db/schema";
import type { Db, Tx } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { verifyPassword } from "@/lib/core/passwords";
import { can, type Action } from "@/lib/core/permissions";
import { fail, type Result } from "@/lib/core/result";
import { fieldErrors } from "@/lib/core/schemas";
import type { Viewer } from "@/lib/core/actor";
import { revokeSessions } from "@/lib/sessions/sessions";

export type MemberError = "forbidden" | "validation" | "notFound" | "lastAdmin" | "memberEmailMismatch";

export type Member = { id: string; name: string; email: string; role: Role; billing: boolean; createdAt: Date };

const uuid = z.uuid({ error: "notFound" });
const checkbox = z.union([z.literal("on"), z.literal("true"), z.literal(true)]).optional().transform(Boolean);

export const memberRoleSchema = z.object({
  userId: uuid,
  role: z.enum(["admin", "member"], { error: "invalidRole" }),
  billing: checkbox,
});

export const removeMemberSchema = z.object({
  userId: uuid,
  confirmation: z.string({ error: "required" }).trim().toLowerCase().min(1, { error: "required" }).max(254, { error: "memberEmailMismatch" }),
});

/**
 * Locks the actor's organization row for the rest of the transaction, then asks the matrix again
 * with the actor's role as the database says now: two Admins acting at once are serialized, and
 * an Admin demoted a moment ago can no longer act.
 */
export async function lockOrganizationAs(tx: Tx, actor: Viewer, action: Action): Promise<Viewer | null> {
  const [organization] = await tx
    .select({ id: organizations.id, plan: organizations.plan, status: organizations.status })
    .from(organizations)
    .where(eq(organizations.id, actor.organization.id))
    .for("update");
  const [current] = await tx
    .select({ role: users.role, billing: users.billing })
    .from(users)
    .where(and(eq(users.id, actor.id), eq(users.organizationId, actor.organization.id)));
  if (!organization || organization.status !== "active" || !current) return null;
  const fresh: Viewer = { ...actor, ...current, plan: organization.plan, organization: { ...actor.organization, plan: organization.plan } };
  return can(fresh, action) ? fresh : null;
}

async function otherAdmins(tx: Tx, organizationId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ value: count() })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.role, "admin"), ne(users.id, userId)));
  return row?.value ?? 0;
}

/** The organization's people, oldest first, optionally filtered by a piece of name or email. */
export async function listMembers(
  db: Db,
  actor: Viewer | null,
  input: { query?: string } = {},
): Promise<Result<{ members: Member[]; adminCount: number }, "forbidden">> {
  if (!actor || !can(actor, "members.view")) return fail("forbidden");
  const text = (input.query ?? "").trim().slice(0, 100);
  const pattern = `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
  const organizationId = eq(users.organizationId, actor.organization.id);
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, billing: users.billing, createdAt: users.createdAt })
    .from(users)
    .where(text ? and(organizationId, or(ilike(users.name, pattern), ilike(users.email, pattern))) : organizationId)
    .orderBy(asc(users.createdAt), asc(users.email));
  const [admins] = await db.select({ value: count() }).from(users).where(and(organizationId, eq(users.role, "admin")));
  return { ok: true, members: rows, adminCount: admins?.value ?? 0 };
}

/** Sets a member's role and Billing flag; the organization always keeps one Admin. */
export async function changeMemberRole(
  db: Db,
  actor: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ member: Member; changed: boolean }, MemberError>> {
  if (!actor || !can(actor, "members.manage")) return fail("forbidden");
  const parsed = memberRoleSchema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    return fields.userId ? fail("notFound") : fail("validation", fields);
  }
  const { userId, role, billing } = parsed.data;
  return db.transaction(async (tx) => {
    const fresh = await lockOrganizationAs(tx, actor, "members.manage");
    if (!fresh) return fail("forbidden");
    const [target] = await tx.select().from(users).where(and(eq(users.id, userId), eq(users.organizationId, actor.organization.id)));
    if (!target) return fail("notFound");
    if (target.role === "admin" && role !== "admin" && (await otherAdmins(tx, actor.organization.id, target.id)) === 0) {
      return fail("lastAdmin", { role: ["lastAdmin"] });
    }
    const member = { id: target.id, name: target.name, email: target.email, role, billing, createdAt: target.createdAt };
    if (target.role === role && target.billing === billing) return { ok: true as const, member, changed: false };
    await tx.update(users).set({ role, billing }).where(eq(users.id, target.id));
    // Losing a role ends the person's sessions (their own current one stays when they demote themselves).
    if ((target.role === "admin" && role !== "admin") || (target.billing && !billing)) {
      await revokeSessions(tx, target.id, "demoted", { except: target.id === actor.id ? (actor.sessionId ?? null) : null });
    }
    const audit = { organizationId: actor.organization.id, actorId: actor.id, target: target.email };
    if (target.role !== role) await recordAudit(tx, { ...audit, action: "member.roleChanged", data: { from: target.role, to: role } });
    if (target.billing !== billing) await recordAudit(tx, { ...audit, action: "member.billingChanged", data: { from: target.billing, to: billing } });
    return { ok: true as const, member, changed: true };
  });
}

/** Removes a person and, by cascade, their chats, after the Admin typed that person's email. */
export async function removeMember(
  db: Db,
  actor: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ removed: { email: string; name: string } }, MemberError>> {
  if (!actor || !can(actor, "members.manage")) return fail("forbidden");
  const parsed = removeMemberSchema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    return fields.userId ? fail("notFound") : fail("validation", fields);
  }
  const { userId, confirmation } = parsed.data;
  return db.transaction(async (tx) => {
    const fresh = await lockOrganizationAs(tx, actor, "members.manage");
    if (!fresh) return fail("forbidden");
    const [target] = await tx.select().from(users).where(and(eq(users.id, userId), eq(users.organizationId, actor.organization.id)));
    if (!target) return fail("notFound");
    if (confirmation !== target.email) return fail("memberEmailMismatch", { confirmation: ["memberEmailMismatch"] });
    if (target.role === "admin" && (await otherAdmins(tx, actor.organization.id, target.id)) === 0) return fail("lastAdmin");
    await revokeSessions(tx, target.id, "removed");
    await tx.delete(users).where(eq(users.id, target.id));
    await recordAudit(tx, {
      organizationId: actor.organization.id,
      actorId: target.id === actor.id ? null : actor.id,
      action: "member.removed",
      target: target.email,
      data: { name: target.name, role: target.role },
    });
    return { ok: true as const, removed: { email: target.email, name: target.name } };
  });
}

export const leaveOrganizationSchema = z.object({
  confirmation: z.string({ error: "required" }).trim().toLowerCase().min(1, { error: "required" }).max(254, { error: "ownEmailMismatch" }),
  password: z.string({ error: "required" }).min(1, { error: "required" }).max(200, { error: "wrongPassword" }),
});

/**
 * Anyone may leave: their account and their chats go, after they typed their own email and
 * password. The last Admin stays until someone else is Admin.
 */
export async function leaveOrganization(
  db: Db,
  actor: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<object, MemberError | "wrongPassword" | "ownEmailMismatch">> {
  if (!actor || !can(actor, "organization.leave")) return fail("forbidden");
  const parsed = leaveOrganizationSchema.safeParse(input);
  if (!parsed.success) return fail("validation", fieldErrors(parsed.error));
  const { confirmation, password } = parsed.data;
  if (confirmation !== actor.email) return fail("ownEmailMismatch", { confirmation: ["ownEmailMismatch"] });
  const [self] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!self || !(await verifyPassword(password, self.passwordHash))) return fail("wrongPassword", { password: ["wrongPassword"] });
  return db.transaction(async (tx) => {
    const fresh = await lockOrganizationAs(tx, actor, "organization.leave");
    if (!fresh) return fail("forbidden");
    if (fresh.role === "admin" && (await otherAdmins(tx, actor.organization.id, actor.id)) === 0) return fail("lastAdmin");
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
