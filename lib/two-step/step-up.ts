import "server-only";
import { and, eq } from "drizzle-orm";
import { sessions, users } from "@/db/schema";
import type { Db } from "@/lib/core/db";
import type { Viewer } from "@/lib/core/actor";
import { guard } from "@/lib/core/guard";
import { verifyPassword } from "@/lib/core/passwords";
import { fail, type Failure, type Result } from "@/lib/core/result";
import { lockedFor, recordFailure, throttleKey, clearFailures } from "@/lib/core/throttle";
import { recordAudit } from "@/lib/audit/record";
import { checkSecondFactor, hasSecondFactor } from "./verify";
import { stepUpSchema } from "./schemas";

/** How long a password or second-factor check vouches for a session before a sensitive action asks again. */
export const stepUpWindowMs = 10 * 60_000;

/**
 * Step-up for sensitive actions (delete the organization, purge chats, create an API key, turn
 * two-step sign-in off): one line at the top of the domain function,
 * `const stale = await requireRecentCheck(db, actor); if (stale) return stale;`.
 * A person whose session proved itself (password or second factor) in the last 10 minutes passes.
 * `passwordJustChecked`: the action itself asked for the password, which is enough for people
 * without a second factor. Actors without a browser session (scripts, the worker) are not asked.
 */
export async function requireRecentCheck(
  db: Db,
  actor: { id: string; sessionId?: string },
  options: { passwordJustChecked?: boolean; now?: Date } = {},
): Promise<Failure<"stepUpRequired"> | null> {
  if (!actor.sessionId) return null;
  const now = options.now ?? new Date();
  const [session] = await db
    .select({ checkedAt: sessions.checkedAt })
    .from(sessions)
    .where(and(eq(sessions.id, actor.sessionId), eq(sessions.userId, actor.id)));
  if (session && checkIsRecent(session.checkedAt, now)) return null;
  if (options.passwordJustChecked && !(await hasSecondFactor(db, actor.id))) return null;
  return fail("stepUpRequired");
}

/** Whether a check made at `checkedAt` still vouches for the session at `now`. */
export function checkIsRecent(checkedAt: Date, now = new Date()): boolean {
  return now.getTime() - checkedAt.getTime() <= stepUpWindowMs;
}

/**
 * Whether a page should say beforehand that its sensitive actions will ask again: from the session
 * row this request already read (the viewer's `sessionCheckedAt`), else from the database. The
 * actions decide with `requireRecentCheck`; this only chooses what the page shows.
 */
export async function stepUpDue(db: Db, viewer: Viewer, now = new Date()): Promise<boolean> {
  if (!viewer.sessionId) return false;
  if (viewer.sessionCheckedAt) return !checkIsRecent(viewer.sessionCheckedAt, now);
  return (await requireRecentCheck(db, viewer, { now })) !== null;
}

/** Records that this session just proved who is behind it. */
export async function markSessionChecked(db: Pick<Db, "update">, sessionId: string | undefined, now = new Date()): Promise<void> {
  if (!sessionId) return;
  await db.update(sessions).set({ checkedAt: now }).where(eq(sessions.id, sessionId));
}

export type StepUpError = "forbidden" | "validation" | "invalidCode" | "wrongPassword" | "throttled";

/**
 * "Confirm it's you": a code from the app or a recovery code, or the password for a person
 * without a second factor. Throttled like the second sign-in step.
 */
export async function confirmIdentity(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
  options: { clientAddress?: string | null; now?: Date } = {},
): Promise<Result<{ method: "totp" | "recovery" | "password"; retryAfter?: never }, StepUpError> & { retryAfter?: number }> {
  const door = guard(caller, "twoStep.own", stepUpSchema, input);
  if (!door.ok) return door;
  const { actor, input: typed } = door;
  const now = options.now ?? new Date();
  let method: "totp" | "recovery" | "password";
  if (await hasSecondFactor(db, actor.id)) {
    if (!typed.code && !typed.recoveryCode) return fail("validation", { code: ["required"] });
    const check = await checkSecondFactor(db, actor.id, typed, { clientAddress: options.clientAddress, now });
    if (!check.ok) return check.error === "throttled" ? { ...fail("throttled"), retryAfter: check.retryAfter } : fail("invalidCode", { [typed.code ? "code" : "recoveryCode"]: ["invalidCode"] });
    method = check.method;
  } else {
    if (!typed.password) return fail("validation", { password: ["required"] });
    const key = throttleKey("secondStepUser", actor.id);
    const wait = await lockedFor(db, key, now);
    if (wait > 0) return { ...fail("throttled"), retryAfter: wait };
    const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
    if (!user || !(await verifyPassword(typed.password, user.passwordHash))) {
      await recordFailure(db, "secondStepUser", key, now);
      return fail("wrongPassword", { password: ["wrongPassword"] });
    }
    await clearFailures(db, key);
    method = "password";
  }
  await db.transaction(async (tx) => {
    await markSessionChecked(tx, actor.sessionId, now);
    await recordAudit(tx, { organizationId: actor.organization.id, actorId: actor.id, action: "session.identityConfirmed", target: actor.email, data: { method } });
  });
  return { ok: true, method };
}
