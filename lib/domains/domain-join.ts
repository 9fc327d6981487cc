import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, joinRequests, organizationDomains, organizations, samlConnections, users, type JoinRequest, type Locale, type OrganizationDomain, type Plan } from "@/db/schema";
import type { Db, Reader, Tx } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { isUniqueViolation } from "@/lib/core/db";
import { claimedStatuses } from "./domains";
import { guard } from "@/lib/core/guard";
import { planIncludes } from "@/lib/core/plans";
import { fail, type Result } from "@/lib/core/result";
import { auditActorOf, type Actor } from "@/lib/core/actor";


export type DomainJoin = {
  mode: "auto" | "approval";
  domainId: string;
  domain: string;
  organizationId: string;
  organizationName: string;
};

/** The organization an email joins by its domain: verified, join mode on, plan Team or Enterprise. */
export async function findJoinableDomain(db: Pick<Db, "select">, email: string): Promise<DomainJoin | null> {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  const [row] = await db
    .select({ domain: organizationDomains, organization: organizations })
    .from(organizationDomains)
    .innerJoin(organizations, eq(organizationDomains.organizationId, organizations.id))
    .where(and(eq(organizationDomains.domain, domain), inArray(organizationDomains.status, [...claimedStatuses])));
  if (!row || row.domain.joinMode === "off") return null;
  if (row.organization.status !== "active" || !planIncludes(row.organization.plan, "emailDomainSignIn")) return null;
  return {
    mode: row.domain.joinMode,
    domainId: row.domain.id,
    domain,
    organizationId: row.organization.id,
    organizationName: row.organization.name,
  };
}

type Person = { email: string; name: string; passwordHash: string; locale: Locale };

/** Inside sign-up's transaction: joins as Member (auto) or files a request for the Admins (approval). */
export async function joinThroughDomain(tx: Tx, join: DomainJoin, person: Person) {
  if (join.mode === "approval") {
    await tx.insert(joinRequests).values({ organizationId: join.organizationId, domainId: join.domainId, ...person });
    await recordAudit(tx, { organizationId: join.organizationId, actorId: null, action: "joinRequest.created", target: person.email, data: { domain: join.domain } });
    return { ok: true as const, joinRequested: { organizationName: join.organizationName } };
  }
  const [user] = await tx
    .insert(users)
    .values({ organizationId: join.organizationId, ...person, role: "member", billing: false })
    .returning();
  await recordAudit(tx, { organizationId: join.organizationId, actorId: user!.id, action: "member.joined", target: person.email, data: { via: "emailDomain", domain: join.domain } });
  return { ok: true as const, user: { id: user!.id, organizationId: user!.organizationId, locale: user!.locale } };
}

export async function listJoinRequests(db: Db, caller: Actor | null): Promise<JoinRequest[] | null> {
  const door = guard(caller, "authentication.manage");
  if (!door.ok) return null;
  const { actor } = door;
  return db.select().from(joinRequests).where(eq(joinRequests.organizationId, actor.organization.id)).orderBy(asc(joinRequests.createdAt));
}

/** Whether a domain takes newcomers on an Admin's approval: claimed, and in approval mode (as `joinsByApproval` asks SQL). */
export function asksApproval(domain: Pick<OrganizationDomain, "joinMode" | "status">): boolean {
  return domain.joinMode === "approval" && (claimedStatuses as readonly string[]).includes(domain.status);
}

/** Whether some claimed domain of the organization takes newcomers on an Admin's approval (so requests can arrive). */
export async function joinsByApproval(db: Reader, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organizationDomains.id })
    .from(organizationDomains)
    .where(and(eq(organizationDomains.organizationId, organizationId), eq(organizationDomains.joinMode, "approval"), inArray(organizationDomains.status, [...claimedStatuses])))
    .limit(1);
  return row !== undefined;
}

export type JoinRequestError = "forbidden" | "planRequired" | "notFound" | "emailTaken";

const requestIdSchema = z.object({ requestId: z.uuid() });

/** Approving needs the plan's email-domain sign-in; refusing never does, so no request is stuck. */
export async function decideJoinRequest(
  db: Db,
  caller: Actor | null,
  input: Record<string, unknown>,
  decision: "approve" | "reject",
): Promise<Result<{ email: string }, JoinRequestError>> {
  const needed = decision === "approve" ? (["authentication.manage", "authentication.emailDomain"] as const) : (["authentication.manage"] as const);
  const door = guard(caller, needed, requestIdSchema, input, { planRefusal: "planRequired", invalid: () => fail("notFound") });
  if (!door.ok) return door;
  const { actor } = door;
  const organizationId = actor.organization.id;
  try {
    return await db.transaction(async (tx) => {
      const [request] = await tx
        .delete(joinRequests)
        .where(and(eq(joinRequests.id, door.input.requestId), eq(joinRequests.organizationId, organizationId)))
        .returning();
      if (!request) return fail("notFound");
      if (decision === "approve") {
        const { email, name, passwordHash, locale } = request;
        await tx.insert(users).values({ organizationId, email, name, passwordHash, locale, role: "member", billing: false });
        await recordAudit(tx, { organizationId, ...auditActorOf(actor), action: "member.joined", target: email, data: { via: "emailDomain" } });
      }
      await recordAudit(tx, { organizationId, ...auditActorOf(actor), action: decision === "approve" ? "joinRequest.approved" : "joinRequest.rejected", target: request.email });
      return { ok: true as const, email: request.email };
    });
  } catch (error) {
    // The address got an account elsewhere meanwhile: the request can only be refused.
    if (isUniqueViolation(error)) return fail("emailTaken");
    throw error;
  }
}


const emailDomain = sql<string>`split_part(${users.email}, '@', 2)`;

/** Verified (or failing) domains of an organization: the ones SSO and joining by email apply to. */
async function claimedDomains(db: Reader, organizationId: string) {
  return db
    .select()
    .from(organizationDomains)
    .where(and(eq(organizationDomains.organizationId, organizationId), inArray(organizationDomains.status, [...claimedStatuses])));
}

/**
 * People who can sign in through SSO today: an SSO configuration exists and their address is in a
 * claimed domain. `withoutPassword`: those whose account SSO created, so no password they know.
 */
export async function countSsoUsers(
  db: Reader,
  organizationId: string,
  /** The organization's claimed domains, when the caller has already read them. */
  claimed?: { domain: string }[],
): Promise<{ people: number; withoutPassword: number }> {
  const [connection] = await db.select({ id: samlConnections.organizationId }).from(samlConnections).where(eq(samlConnections.organizationId, organizationId));
  const domains = (claimed ?? (await claimedDomains(db, organizationId))).map((domain) => domain.domain);
  if (!connection || domains.length === 0) return { people: 0, withoutPassword: 0 };
  const createdBySso = sql<boolean>`exists (select 1 from ${auditEvents} where ${auditEvents.organizationId} = ${users.organizationId}
    and ${auditEvents.action} = 'member.joined' and ${auditEvents.target} = ${users.email} and ${auditEvents.data}->>'via' = 'sso')`;
  const [row] = await db
    .select({ people: sql<number>`count(*)::int`, withoutPassword: sql<number>`count(*) filter (where ${createdBySso})::int` })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), inArray(emailDomain, domains)));
  return { people: row?.people ?? 0, withoutPassword: row?.withoutPassword ?? 0 };
}

export async function countPendingJoinRequests(db: Reader, organizationId: string): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(joinRequests).where(eq(joinRequests.organizationId, organizationId));
  return row?.count ?? 0;
}

export type PlanChangeImpact = {
  /** Domains whose people must sign in with SSO today; on the new plan they use their password again. */
  ssoDomains: string[];
  /** People who can sign in through SSO today, and how many of them have no password they know. */
  ssoUsers: number;
  ssoUsersWithoutPassword: number;
  /** Domains that let people join by their email; on the new plan nobody joins that way. */
  joinDomains: string[];
  /** Waiting requests, which the new plan only lets Admins refuse. */
  pendingJoinRequests: number;
};

/**
 * What moving between plans does to SSO and joining by email domain, for the plan-change
 * confirmation and its audit event. Nothing is deleted: settings stay and work again after an upgrade.
 */
export async function describePlanChangeImpact(db: Reader, organizationId: string, from: Plan, to: Plan): Promise<PlanChangeImpact> {
  const losesSso = planIncludes(from, "ssoSaml") && !planIncludes(to, "ssoSaml");
  const losesJoin = planIncludes(from, "emailDomainSignIn") && !planIncludes(to, "emailDomainSignIn");
  const domains = losesSso || losesJoin ? await claimedDomains(db, organizationId) : [];
  const sso = losesSso ? await countSsoUsers(db, organizationId, domains) : { people: 0, withoutPassword: 0 };
  return {
    ssoDomains: losesSso ? domains.filter((domain) => domain.ssoRequired).map((domain) => domain.domain) : [],
    ssoUsers: sso.people,
    ssoUsersWithoutPassword: sso.withoutPassword,
    joinDomains: losesJoin ? domains.filter((domain) => domain.joinMode !== "off").map((domain) => domain.domain) : [],
    pendingJoinRequests: losesJoin ? await countPendingJoinRequests(db, organizationId) : 0,
  };
}
