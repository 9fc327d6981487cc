import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { chats, messages, organizations, users, type Plan, type Role } from "@/db/schema";
import { hashPassword } from "@/lib/core/passwords";
import { loadSessionUser, loadUserViewer, type Viewer } from "@/lib/auth/session-user";
import { startSession } from "@/lib/sessions/sessions";

export const testPassword = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;
let sequence = 0;

export async function createOrganization(db: Db, options: { name?: string; plan?: Plan } = {}) {
  const [organization] = await db
    .insert(organizations)
    .values({ name: options.name ?? `Org ${++sequence}`, plan: options.plan ?? "team" })
    .returning();
  return organization!;
}

export async function createUser(
  db: Db,
  organizationId: string,
  options: { role?: Role; billing?: boolean; email?: string; name?: string; locale?: "fr" | "en" } = {},
) {
  passwordHash ??= hashPassword(testPassword);
  const [user] = await db
    .insert(users)
    .values({
      organizationId,
      email: options.email ?? `person${++sequence}@example.test`,
      name: options.name ?? `Person ${sequence}`,
      passwordHash: await passwordHash,
      role: options.role ?? "member",
      billing: options.billing ?? false,
      locale: options.locale ?? "en",
    })
    .returning();
  return user!;
}

/** The viewer a request of this user would get: read from the database, as the app does. */
export async function viewerOf(db: Db, userId: string): Promise<Viewer> {
  const lookup = await loadUserViewer(db, userId);
  if (lookup.status !== "ok") throw new Error(`user ${userId} is ${lookup.reason}`);
  return lookup.viewer;
}

/** Signs a person in as a browser would (a session row), and returns that request's viewer. */
export async function signedInViewer(db: Db, userId: string, options: { userAgent?: string; clientAddress?: string; now?: Date } = {}): Promise<Viewer> {
  const [user] = await db.select({ organizationId: users.organizationId }).from(users).where(eq(users.id, userId));
  if (!user) throw new Error(`no user ${userId}`);
  const { sessionId } = await startSession(db, { user: { id: userId, organizationId: user.organizationId }, userAgent: options.userAgent, clientAddress: options.clientAddress ?? "192.0.2.1", method: "password" }, options.now);
  const lookup = await loadSessionUser(db, sessionId, options.now);
  if (lookup.status !== "ok") throw new Error(`session of ${userId} is ${lookup.reason}`);
  return lookup.viewer;
}

export async function createChats(db: Db, organizationId: string, userId: string, count: number, messagesPerChat = 2) {
  const rows = await db
    .insert(chats)
    .values(Array.from({ length: count }, (_, index) => ({ organizationId, userId, title: `Chat ${index + 1}` })))
    .returning({ id: chats.id });
  const bodies = rows.flatMap((chat) =>
    Array.from({ length: messagesPerChat }, (_, index) => ({ chatId: chat.id, author: index % 2 ? "assistant" : "user", body: `Message ${index}` })),
  );
  if (bodies.length > 0) await db.insert(messages).values(bodies);
  return rows.map((row) => row.id);
}

/** A person of each kind in one organization: Admin (+Billing), Billing-only, Member. */
export async function createCast(db: Db, plan: Plan = "team") {
  const organization = await createOrganization(db, { plan });
  const admin = await createUser(db, organization.id, { role: "admin", billing: true });
  const billing = await createUser(db, organization.id, { role: "member", billing: true });
  const member = await createUser(db, organization.id, { role: "member" });
  return { organization, admin, billing, member };
}

export async function getUserById(db: Db, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}
