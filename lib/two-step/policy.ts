import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { passkeys, recoveryCodes, sessions, totpAuthenticators, twoStepPolicies, users, type Plan, type Role } from "@/db/schema";
import type { Db } from "@/lib/core/db";
import { auditActorOf, type Actor, type Viewer } from "@/lib/core/actor";
import { guard } from "@/lib/core/guard";
import { planIncludes } from "@/lib/core/plans";
import { fail, type Result } from "@/lib/core/result";
import { recordAudit } from "@/lib/audit/record";
import { countSsoUsers } from "@/lib/domains/domain-join";
import { composeMail, type Mail } from "@/lib/mail/mailer";
import { resetMemberTwoStepSchema, twoStepPolicySchema } from "./schemas";
import { hasSecondFactor } from "./verify";
import { hasTwoStep } from "./has-two-step";

export type RequiredFor = "off" | "admins" | "everyone";
export type TwoStepPolicy = { requiredFor: RequiredFor; graceDays: number; since: Date };

const dayMs = 24 * 60 * 60_000;
const noPolicy: TwoStepPolicy = { requiredFor: "off", graceDays: 0, since: new Date(0) };

/** The rule a `two_step_policies` row states; no row is no rule. */
export function policyOf(row: Pick<typeof twoStepPolicies.$inferSelect, "requiredFor" | "graceDays" | "since"> | null | undefined): TwoStepPolicy {
  return row ? { requiredFor: row.requiredFor, graceDays: row.graceDays, since: row.since } : noPolicy;
}

export async function readPolicy(db: Pick<Db, "select">, organizationId: string): Promise<TwoStepPolicy> {
  const [row] = await db.select().from(twoStepPolicies).where(eq(twoStepPolicies.organizationId, organizationId));
  return policyOf(row);
}

/** Whether a rule covers a role (SSO sign-ins are exempt: their identity provider handles it). */
function covers(requiredFor: RequiredFor, role: Role): boolean {
  return requiredFor === "everyone" || (requiredFor === "admins" && role === "admin");
}

export function graceDeadline(policy: TwoStepPolicy): Date {
  return new Date(policy.since.getTime() + policy.graceDays * dayMs);
}

/**
 * What the organization's rule asks of one person now: nothing; set it up before `deadline`
 * (banner, sent to set-up at sign-in); or set it up before anything else (`mustSetUpNow`).
 * Paused below Team (the rule is kept), and never for a session that came through SSO.
 */
export type Requirement = { required: false } | { required: true; deadline: Date; mustSetUpNow: boolean };

export async function requirementFor(
  db: Pick<Db, "select">,
  person: { id: string; role: Role; organization: { id: string; plan: Plan }; sessionId?: string },
  options: { ignoreOwnFactors?: boolean; signInMethod?: string; now?: Date; policy?: TwoStepPolicy } = {},
): Promise<Requirement> {
  if (!planIncludes(person.organization.plan, "twoStepPolicy")) return { required: false };
  // `policy`: the organization's rule as the caller already read it (the session lookup joins it).
  const policy = options.policy ?? (await readPolicy(db, person.organization.id));
  if (!covers(policy.requiredFor, person.role)) return { required: false };
  let method = options.signInMethod;
  if (!method && person.sessionId) {
    const [session] = await db.select({ method: sessions.signInMethod }).from(sessions).where(eq(sessions.id, person.sessionId));
    method = session?.method;
  }
  if (method === "sso") return { required: false };
  if (!options.ignoreOwnFactors && (await hasSecondFactor(db, person.id))) return { required: false };
  const deadline = graceDeadline(policy);
  return { required: true, deadline, mustSetUpNow: (options.now ?? new Date()) >= deadline };
}

/** The people of an organization with two-step sign-in on. */
export async function membersWithTwoStep(db: Pick<Db, "select">, organizationId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), hasTwoStep(users.id)));
  return new Set(rows.map((row) => row.id));
}

export type PolicyImpact = { requiredFor: RequiredFor; people: number; withoutTwoStep: string[]; ssoPeople: number };

/** Who a rule would cover and who among them has not set it up yet, said before saving. */
async function impactOf(db: Pick<Db, "select">, organizationId: string, requiredFor: RequiredFor): Promise<PolicyImpact> {
  if (requiredFor === "off") return { requiredFor, people: 0, withoutTwoStep: [], ssoPeople: 0 };
  const people = await db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(requiredFor === "admins" ? and(eq(users.organizationId, organizationId), eq(users.role, "admin")) : eq(users.organizationId, organizationId));
  const enabled = await membersWithTwoStep(db, organizationId);
  const { people: ssoPeople } = await countSsoUsers(db, organizationId);
  return { requiredFor, people: people.length, withoutTwoStep: people.filter((person) => !enabled.has(person.id)).map((person) => person.email).sort(), ssoPeople };
}

export type PolicyView = { policy: TwoStepPolicy; deadline: Date; impacts: Record<Exclude<RequiredFor, "off">, PolicyImpact>; paused: boolean };

/** The Authentication page's section: the rule, its deadline, and who each choice would affect. */
export async function twoStepPolicyView(db: Db, caller: Actor | null): Promise<Result<{ view: PolicyView }, "forbidden" | "planRequired">> {
  // Read on every plan (a paused rule still shows); changing it needs Team or Enterprise.
  const door = guard(caller, "authentication.manage");
  if (!door.ok) return door;
  const { actor } = door;
  const policy = await readPolicy(db, actor.organization.id);
  const [admins, everyone] = await Promise.all([impactOf(db, actor.organization.id, "admins"), impactOf(db, actor.organization.id, "everyone")]);
  return {
    ok: true,
    view: { policy, deadline: graceDeadline(policy), impacts: { admins, everyone }, paused: policy.requiredFor !== "off" && !planIncludes(actor.organization.plan, "twoStepPolicy") },
  };
}

/** Sets the rule. Tightening it (or changing the grace period) restarts the grace period from now. */
export async function setTwoStepPolicy(
  db: Db,
  caller: Actor | null,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ policy: TwoStepPolicy }, "forbidden" | "validation" | "planRequired">> {
  const door = guard(caller, "twoStep.policy", twoStepPolicySchema, input, { planRefusal: "planRequired" });
  if (!door.ok) return door;
  const { actor, input: next } = door;
  return db.transaction(async (tx) => {
    const before = await readPolicy(tx, actor.organization.id);
    const rank = { off: 0, admins: 1, everyone: 2 } as const;
    const restart = rank[next.requiredFor] > rank[before.requiredFor] || next.graceDays !== before.graceDays;
    const since = restart ? now : before.since;
    await tx
      .insert(twoStepPolicies)
      .values({ organizationId: actor.organization.id, requiredFor: next.requiredFor, graceDays: next.graceDays, since, updatedAt: now })
      .onConflictDoUpdate({ target: twoStepPolicies.organizationId, set: { requiredFor: next.requiredFor, graceDays: next.graceDays, since, updatedAt: now } });
    await recordAudit(tx, {
      organizationId: actor.organization.id,
      ...auditActorOf(actor),
      action: "twoStep.policyChanged",
      data: { from: before.requiredFor, to: next.requiredFor, graceDays: next.graceDays },
    });
    return { ok: true as const, policy: { requiredFor: next.requiredFor, graceDays: next.graceDays, since } };
  });
}

/** Removes a person's second factors (app, passkeys and recovery codes); true when there was one. */
async function clearFactors(db: Pick<Db, "delete">, userId: string): Promise<boolean> {
  const removed = await db.delete(totpAuthenticators).where(eq(totpAuthenticators.userId, userId)).returning({ confirmedAt: totpAuthenticators.confirmedAt });
  const keys = await db.delete(passkeys).where(eq(passkeys.userId, userId)).returning({ id: passkeys.id });
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  return Boolean(removed[0]?.confirmedAt) || keys.length > 0;
}

/** An Admin resets a member's second step (lost phone): audited, and the member is emailed. */
export async function resetMemberTwoStep(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ member: { email: string; name: string }; mail: Mail }, "forbidden" | "notFound" | "notEnabled">> {
  const door = guard(caller, "twoStep.resetMember", resetMemberTwoStepSchema, input, { invalid: () => fail("notFound") });
  if (!door.ok) return door;
  const { actor, input: { userId } } = door;
  return db.transaction(async (tx) => {
    const [member] = await tx.select().from(users).where(and(eq(users.id, userId), eq(users.organizationId, actor.organization.id)));
    if (!member) return fail("notFound");
    if (!(await clearFactors(tx, member.id))) return fail("notEnabled");
    await recordAudit(tx, { organizationId: actor.organization.id, actorId: actor.id, action: "twoStep.resetByAdmin", target: member.email });
    const mail = composeMail(member.email, member.locale, "twoStepReset", { name: member.name, admin: actor.name });
    return { ok: true as const, member: { email: member.email, name: member.name }, mail };
  });
}

/**
 * The operator's way out when the last Admin lost every factor (`npm run admin:reset-two-step -- EMAIL`
 * on the server): audited as a system action, the person is emailed.
 */
export async function resetTwoStepBySystem(db: Db, email: string): Promise<{ ok: true; mail: Mail } | { ok: false; error: "notFound" | "notEnabled" }> {
  const address = email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const [person] = await tx.select().from(users).where(eq(users.email, address));
    if (!person) return { ok: false as const, error: "notFound" as const };
    if (!(await clearFactors(tx, person.id))) return { ok: false as const, error: "notEnabled" as const };
    await recordAudit(tx, { organizationId: person.organizationId, actorId: null, action: "twoStep.resetBySystem", target: person.email, data: { by: "system" } });
    const mail = composeMail(person.email, person.locale, "twoStepReset", { name: person.name, admin: person.locale === "fr" ? "l’opérateur du serveur" : "the server’s operator" });
    return { ok: true as const, mail };
  });
}

/** People the rule covers without two-step, for the plan-change confirmation (paused below Team). */
export async function countCoveredByPolicy(db: Pick<Db, "select">, organizationId: string): Promise<number> {
  const policy = await readPolicy(db, organizationId);
  if (policy.requiredFor === "off") return 0;
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .where(policy.requiredFor === "admins" ? and(eq(users.organizationId, organizationId), inArray(users.role, ["admin"])) : eq(users.organizationId, organizationId));
  return row?.count ?? 0;
}
