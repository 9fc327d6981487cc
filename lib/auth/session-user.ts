import "server-only";
import { eq } from "drizzle-orm";
import { deletedOrganizations, organizations, users } from "@/db/schema";
import type { Db } from "@/db";
import type { Viewer } from "@/lib/core/actor";

export type { Viewer };

export type SessionLookup =
  | { status: "ok"; viewer: Viewer }
  | { status: "gone"; reason: "accountDeleted" | "organizationDeleted" | "passwordReset" };

/**
 * Resolves a session's user ID; an account or organization that no longer exists says which, and a
 * session issued (`issuedAt`, seconds) before the password was reset is over.
 */
export async function loadSessionUser(db: Db, userId: string, organizationId?: string | null, issuedAt?: number): Promise<SessionLookup> {
  const [row] = await db
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(eq(users.id, userId));
  if (!row) {
    const orgGone = organizationId ? await isOrganizationDeleted(db, organizationId) : false;
    return { status: "gone", reason: orgGone ? "organizationDeleted" : "accountDeleted" };
  }
  if (row.organization.status !== "active") return { status: "gone", reason: "organizationDeleted" };
  const { user, organization } = row;
  if (user.sessionsValidAfter && issuedAt !== undefined && issuedAt < Math.floor(user.sessionsValidAfter.getTime() / 1000)) {
    return { status: "gone", reason: "passwordReset" };
  }
  return {
    status: "ok",
    viewer: {
      id: user.id,
      email: user.email,
      name: user.name,
      locale: user.locale,
      role: user.role,
      billing: user.billing,
      plan: organization.plan,
      organization: { id: organization.id, name: organization.name, plan: organization.plan, createdAt: organization.createdAt },
    },
  };
}

/** True when the organization was deleted: its tombstone outlives it, so a stale session says why. */
export async function isOrganizationDeleted(db: Db, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: deletedOrganizations.id })
    .from(deletedOrganizations)
    .where(eq(deletedOrganizations.id, organizationId));
  return Boolean(row);
}
