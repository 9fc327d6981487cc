import "server-only";
import { and, eq, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { organizations, sessions, twoStepPolicies, users, type Organization, type User } from "@/db/schema";
import type { Db } from "@/db";
import type { Viewer } from "@/lib/core/actor";
import { sessionPolicy } from "@/lib/sessions/policy";
import { policyOf, requirementFor } from "@/lib/two-step/policy";
import type { SessionEndReason } from "@/lib/sessions/sessions";

export type { Viewer };

/** Why a browser is no longer signed in: its account or organization is gone, or its session ended. */
export type GoneReason = "accountDeleted" | "organizationDeleted" | "organizationScheduledForDeletion" | "left" | "sessionEnded" | "expired" | Exclude<SessionEndReason, "removed" | "left" | "organizationDeleted">;

export type SessionLookup = { status: "ok"; viewer: Viewer } | { status: "gone"; reason: GoneReason };

const sessionId = z.uuid();

function viewerOf(user: User, organization: Organization, session?: string): Viewer {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    role: user.role,
    billing: user.billing,
    plan: organization.plan,
    organization: { id: organization.id, name: organization.name, plan: organization.plan, createdAt: organization.createdAt },
    ...(session ? { sessionId: session } : {}),
  };
}

function endedBecause(reason: string | null): GoneReason {
  if (reason === "removed") return "accountDeleted";
  if (reason === "left" || reason === "organizationDeleted") return reason;
  const known: readonly string[] = ["signedOut", "endedByOwner", "passwordChanged", "passwordReset", "signedOutByAdmin", "demoted"];
  return known.includes(reason ?? "") ? (reason as GoneReason) : "sessionEnded";
}

function buildSessionQuery(db: Db) {
  return db
    .select({ session: sessions, user: users, organization: organizations, policy: twoStepPolicies })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .leftJoin(twoStepPolicies, eq(twoStepPolicies.organizationId, organizations.id))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare("session_lookup");
}

// Every request runs this query: built once per database, not each time (its SQL names ~40 columns).
const sessionQueries = new WeakMap<Db, ReturnType<typeof buildSessionQuery>>();
function sessionQueryOf(db: Db): ReturnType<typeof buildSessionQuery> {
  let query = sessionQueries.get(db);
  if (!query) {
    query = buildSessionQuery(db);
    sessionQueries.set(db, query);
  }
  return query;
}

/**
 * The request's one lookup: the session row the cookie names, with its person, its organization
 * and the organization's two-step rule, in a single query. An ended, idle or too-old session is over; `last_seen_at` is written at most
 * once per interval, and only by a request that finds it stale.
 */
export async function loadSessionUser(db: Db, id: unknown, now = new Date()): Promise<SessionLookup> {
  const parsed = sessionId.safeParse(id);
  if (!parsed.success) return { status: "gone", reason: "sessionEnded" };
  const [row] = await sessionQueryOf(db).execute({ id: parsed.data });
  // No row: a cookie from before sessions were rows, or one whose row was cleaned up long ago.
  if (!row) return { status: "gone", reason: "sessionEnded" };
  const { session, user, organization, policy: rule } = row;
  // Within a deletion's grace period the organization can still come back: the page says so.
  if (organization?.status === "scheduled_deletion") return { status: "gone", reason: "organizationScheduledForDeletion" };
  if (session.revokedAt) return { status: "gone", reason: endedBecause(session.endReason) };
  if (!user || !organization) return { status: "gone", reason: "accountDeleted" };
  if (organization.status !== "active") return { status: "gone", reason: "organizationDeleted" };
  const policy = sessionPolicy();
  const idleFor = now.getTime() - session.lastSeenAt.getTime();
  if (idleFor > policy.idleMs || now.getTime() - session.createdAt.getTime() > policy.maxAgeMs) return { status: "gone", reason: "expired" };
  if (idleFor >= policy.lastSeenEveryMs) {
    // The condition makes two requests racing past the interval write once, not twice.
    const staleBefore = new Date(now.getTime() - policy.lastSeenEveryMs);
    await db.update(sessions).set({ lastSeenAt: now }).where(and(eq(sessions.id, session.id), lte(sessions.lastSeenAt, staleBefore)));
  }
  const viewer = viewerOf(user, organization, session.id);
  viewer.sessionCheckedAt = session.checkedAt;
  const requirement = await requirementFor(db, viewer, { signInMethod: session.signInMethod, now, policy: policyOf(rule) });
  if (requirement.required) viewer.twoStepSetup = { deadline: requirement.deadline, setupOnly: requirement.mustSetUpNow };
  return { status: "ok", viewer };
}

/** A person's viewer without a session (scripts, tests, benchmarks): the database as it is now. */
export async function loadUserViewer(db: Db, userId: string): Promise<SessionLookup> {
  const [row] = await db
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(eq(users.id, userId));
  if (!row) return { status: "gone", reason: "accountDeleted" };
  if (row.organization.status !== "active") return { status: "gone", reason: "organizationDeleted" };
  return { status: "ok", viewer: viewerOf(row.user, row.organization) };
}
