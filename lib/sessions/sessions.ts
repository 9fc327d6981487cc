import "server-only";
import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, or } from "drizzle-orm";
import { z } from "zod";
import { sessions, users } from "@/db/schema";
import type { Db } from "@/lib/core/db";
import { auditActorOf, type Viewer } from "@/lib/core/actor";
import { guard } from "@/lib/core/guard";
import { fail, type Result } from "@/lib/core/result";
import { recordAudit } from "@/lib/audit/record";
import { composeMail, type Mail } from "@/lib/mail/mailer";
import { describeDevice } from "./device";
import { sessionPolicy } from "./policy";

/** Why a session ended; the browser that held it is told in its next request. */
export type SessionEndReason =
  | "signedOut"
  | "endedByOwner"
  | "passwordChanged"
  | "passwordReset"
  | "signedOutByAdmin"
  | "demoted"
  | "removed"
  | "left"
  | "organizationDeleted";

type Writer = Pick<Db, "update">;

/** Opens a session row for a person who just proved who they are, and writes it in the audit log. */
export async function startSession(
  db: Db,
  input: { user: { id: string; organizationId: string }; userAgent?: string | null; clientAddress?: string | null; method: "password" | "sso" | "totp" | "recovery" | "passkey" },
  now = new Date(),
): Promise<{ sessionId: string }> {
  const device = describeDevice(input.userAgent);
  const clientAddress = input.clientAddress?.slice(0, 100) || null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sessions)
      .values({ userId: input.user.id, createdAt: now, lastSeenAt: now, userAgent: device, clientAddress, signInMethod: input.method, checkedAt: now })
      .returning({ id: sessions.id });
    await recordAudit(tx, {
      organizationId: input.user.organizationId,
      actorId: input.user.id,
      action: "session.signedIn",
      data: { method: input.method, device, address: clientAddress },
      context: { clientAddress, userAgent: device },
    });
    return { sessionId: row!.id };
  });
}

/** Ends every open session of a person, except `except` (the browser asking, when it stays signed in). */
export async function revokeSessions(
  db: Writer,
  userId: string,
  reason: SessionEndReason,
  options: { except?: string | null; now?: Date } = {},
): Promise<number> {
  const open = and(eq(sessions.userId, userId), isNull(sessions.revokedAt));
  const rows = await db
    .update(sessions)
    .set({ revokedAt: options.now ?? new Date(), endReason: reason })
    .where(options.except ? and(open, ne(sessions.id, options.except)) : open)
    .returning({ id: sessions.id });
  return rows.length;
}

/** Ends the session of every person of an organization (it is being deleted). */
export async function revokeOrganizationSessions(db: Pick<Db, "update" | "select">, organizationId: string, now = new Date()): Promise<void> {
  const people = db.select({ id: users.id }).from(users).where(eq(users.organizationId, organizationId));
  await db
    .update(sessions)
    .set({ revokedAt: now, endReason: "organizationDeleted" })
    .where(and(inArray(sessions.userId, people), isNull(sessions.revokedAt)));
}

const sessionIdSchema = z.uuid();

/** Sign-out: the cookie itself is the credential, so whoever holds it may end the session it names. */
export async function endSignedOutSession(db: Writer, sessionId: unknown, now = new Date()): Promise<void> {
  const parsed = sessionIdSchema.safeParse(sessionId);
  if (!parsed.success) return;
  await db
    .update(sessions)
    .set({ revokedAt: now, endReason: "signedOut" })
    .where(and(eq(sessions.id, parsed.data), isNull(sessions.revokedAt)));
}

export type OpenSession = { id: string; device: string | null; clientAddress: string | null; createdAt: Date; lastSeenAt: Date; current: boolean };

/** The viewer's own open sessions, most recently used first, the one of this browser marked. */
export async function listOwnSessions(db: Db, caller: Viewer | null, now = new Date()): Promise<Result<{ sessions: OpenSession[] }, "forbidden">> {
  const door = guard(caller, "profile.edit");
  if (!door.ok) return door;
  const { actor } = door;
  const policy = sessionPolicy();
  const rows = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, actor.id),
        isNull(sessions.revokedAt),
        gt(sessions.lastSeenAt, new Date(now.getTime() - policy.idleMs)),
        gt(sessions.createdAt, new Date(now.getTime() - policy.maxAgeMs)),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
  const list = rows.map((row) => ({
    id: row.id,
    device: row.userAgent,
    clientAddress: row.clientAddress,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    current: row.id === actor.sessionId,
  }));
  // This browser first: it is the one a person looks for.
  list.sort((a, b) => Number(b.current) - Number(a.current));
  return { ok: true, sessions: list };
}

export const endSessionSchema = z.object({ sessionId: z.uuid({ error: "notFound" }) });

/** Signs out one of one's own sessions; a session of another account is "not found", never ended. */
export async function endOwnSession(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ current: boolean }, "forbidden" | "notFound">> {
  const door = guard(caller, "profile.edit", endSessionSchema, input, { invalid: () => fail("notFound") });
  if (!door.ok) return door;
  const { actor, input: { sessionId } } = door;
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .update(sessions)
      .set({ revokedAt: new Date(), endReason: sessionId === actor.sessionId ? "signedOut" : "endedByOwner" })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.id), isNull(sessions.revokedAt)))
      .returning({ device: sessions.userAgent, address: sessions.clientAddress });
    if (!ended) return fail("notFound");
    await recordAudit(tx, {
      organizationId: actor.organization.id,
      ...auditActorOf(actor),
      action: "session.ended",
      target: actor.email,
      data: { device: ended.device, address: ended.address },
    });
    return { ok: true as const, current: sessionId === actor.sessionId };
  });
}

/** Signs out every session of the viewer but the one of this browser. */
export async function endOtherSessions(db: Db, caller: Viewer | null): Promise<Result<{ ended: number }, "forbidden">> {
  const door = guard(caller, "profile.edit");
  if (!door.ok) return door;
  const { actor } = door;
  return db.transaction(async (tx) => {
    const ended = await revokeSessions(tx, actor.id, "endedByOwner", { except: actor.sessionId ?? null });
    if (ended > 0) {
      await recordAudit(tx, { organizationId: actor.organization.id, ...auditActorOf(actor), action: "session.othersEnded", target: actor.email, data: { count: ended } });
    }
    return { ok: true as const, ended };
  });
}

export const signMemberOutSchema = z.object({ userId: z.uuid({ error: "notFound" }) });

/**
 * An Admin signs a person of the organization out of every browser; it takes effect on that
 * person's next request, and they get an email saying so in their language.
 */
export async function signMemberOutEverywhere(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ ended: number; member: { email: string; name: string }; mail: Mail }, "forbidden" | "notFound">> {
  const door = guard(caller, "members.signOut", signMemberOutSchema, input, { invalid: () => fail("notFound") });
  if (!door.ok) return door;
  const { actor, input: parsed } = door;
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
      .from(users)
      .where(and(eq(users.id, parsed.userId), eq(users.organizationId, actor.organization.id)));
    if (!target) return fail("notFound");
    const ended = await revokeSessions(tx, target.id, "signedOutByAdmin");
    await recordAudit(tx, {
      organizationId: actor.organization.id,
      ...auditActorOf(actor),
      action: "member.signedOutEverywhere",
      target: target.email,
      data: { count: ended },
    });
    const mail = composeMail(target.email, target.locale, "allSessionsEnded", { name: target.name, admin: actor.name });
    return { ok: true as const, ended, member: { email: target.email, name: target.name }, mail };
  });
}

/** The email a person gets when their password changed, by them or through a reset link. */
export function passwordChangedMail(person: { email: string; name: string; locale: "fr" | "en" }): Mail {
  return composeMail(person.email, person.locale, "passwordChanged", { name: person.name });
}

/**
 * Deletes rows of sessions that ended or expired more than 30 days ago. Meant for the daily round.
 */
export async function deleteOldSessions(db: Pick<Db, "delete">, now = new Date()): Promise<number> {
  const policy = sessionPolicy();
  const before = (ms: number) => new Date(now.getTime() - ms);
  const rows = await db
    .delete(sessions)
    .where(
      or(
        and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, before(policy.keepEndedMs))),
        lt(sessions.lastSeenAt, before(policy.idleMs + policy.keepEndedMs)),
        lt(sessions.createdAt, before(policy.maxAgeMs + policy.keepEndedMs)),
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}
