import "server-only";
import { and, eq, gt, isNotNull, isNull, lt } from "drizzle-orm";
import { organizations, pendingSignIns, users } from "@/db/schema";
import type { Db } from "@/db";
import { validate } from "@/lib/core/guard";
import { fail, type Result } from "@/lib/core/result";
import { hashToken, isTokenShaped, newToken } from "@/lib/core/tokens";
import { recordAudit } from "@/lib/audit/record";
import { checkSecondFactor, hasSecondFactor } from "@/lib/two-step/verify";
import { passkeyAuthenticationOptions, verifyPasskeyAssertion, type AuthenticationOptions, type RelyingParty } from "@/lib/two-step/passkeys";
import { clearFailures, lockedFor, recordFailure, throttleKey } from "@/lib/core/throttle";
import { secondStepSchema } from "@/lib/two-step/schemas";
import { requirementFor } from "@/lib/two-step/policy";
import { authenticate, type AuthenticateError, type SignedInUser } from "./accounts";
import { loadUserViewer } from "./session-user";

/** How long the second sign-in page waits for a code after the password was right. */
export const pendingSignInMs = 10 * 60_000;

export type SignInMethod = "password" | "totp" | "recovery" | "passkey";

/**
 * The password step. Right password: a single-use token (kept hashed) that the browser holds in an
 * HttpOnly cookie. When the person has a second factor, the token waits for it; otherwise it is
 * ready at once. Either way, a session only starts when `redeemPendingSignIn` spends the token.
 */
export async function beginSignIn(
  db: Db,
  input: { email: unknown; password: unknown; clientAddress?: string | null },
  now = new Date(),
): Promise<Result<{ token: string; secondStep: boolean; user: SignedInUser; retryAfter?: never }, AuthenticateError> & { retryAfter?: number }> {
  const result = await authenticate(db, input);
  if (!result.ok) return result;
  const secondStep = await hasSecondFactor(db, result.user.id);
  const token = newToken();
  await db.insert(pendingSignIns).values({
    tokenHash: hashToken(token),
    userId: result.user.id,
    passedWith: secondStep ? null : "password",
    expiresAt: new Date(now.getTime() + pendingSignInMs),
  });
  return { ok: true, token, secondStep, user: result.user };
}

async function waitingRow(db: Db, token: unknown, now: Date) {
  if (!isTokenShaped(token)) return null;
  const [row] = await db
    .select({ pending: pendingSignIns, user: users })
    .from(pendingSignIns)
    .innerJoin(users, eq(users.id, pendingSignIns.userId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(pendingSignIns.tokenHash, hashToken(token)), isNull(pendingSignIns.usedAt), isNull(pendingSignIns.passedWith), gt(pendingSignIns.expiresAt, now), eq(organizations.status, "active")));
  return row ?? null;
}

/** Whether this browser's token still waits for a second step (the page shows the form, or sends back to sign-in). */
export async function pendingSecondStep(db: Db, token: unknown, now = new Date()): Promise<{ email: string; userId: string; locale: SignedInUser["locale"] } | null> {
  const row = await waitingRow(db, token, now);
  return row ? { email: row.user.email, userId: row.user.id, locale: row.user.locale } : null;
}

/** Whether the organization's rule sends this person to set up two-step sign-in right after signing in. */
export async function setupDueAfterSignIn(db: Db, userId: string): Promise<boolean> {
  const lookup = await loadUserViewer(db, userId);
  if (lookup.status !== "ok") return false;
  return (await requirementFor(db, lookup.viewer, { signInMethod: "password" })).required;
}

export type SecondStepError = "validation" | "expired" | "invalidCode" | "throttled";

/** The second step: a code from the app or a recovery code; throttled like the password. */
export async function completeSecondStep(
  db: Db,
  token: unknown,
  input: Record<string, unknown>,
  options: { clientAddress?: string | null; now?: Date } = {},
): Promise<Result<{ method: SignInMethod; recoveryCodesLeft: number; retryAfter?: never }, SecondStepError> & { retryAfter?: number }> {
  const now = options.now ?? new Date();
  const row = await waitingRow(db, token, now);
  if (!row) return fail("expired");
  const parsed = validate(secondStepSchema, input);
  if (!parsed.ok) return parsed;
  const check = await checkSecondFactor(db, row.user.id, parsed.input, { clientAddress: options.clientAddress, now });
  if (!check.ok) {
    if (check.error === "throttled") return { ...fail("throttled"), retryAfter: check.retryAfter };
    await recordAudit(db, {
      organizationId: row.user.organizationId,
      actorId: null,
      action: "session.secondStepFailed",
      target: row.user.email,
      data: { address: options.clientAddress?.slice(0, 100) ?? null },
    });
    return fail("invalidCode", { [parsed.input.code ? "code" : "recoveryCode"]: ["invalidCode"] });
  }
  const passed = await db
    .update(pendingSignIns)
    .set({ passedWith: check.method })
    .where(and(eq(pendingSignIns.id, row.pending.id), isNull(pendingSignIns.passedWith), isNull(pendingSignIns.usedAt)))
    .returning({ id: pendingSignIns.id });
  if (passed.length === 0) return fail("expired");
  if (check.method === "recovery") {
    await recordAudit(db, { organizationId: row.user.organizationId, actorId: row.user.id, action: "twoStep.recoveryCodeUsed", target: row.user.email, data: { left: check.recoveryCodesLeft } });
  }
  return { ok: true, method: check.method, recoveryCodesLeft: check.recoveryCodesLeft };
}

/** The second step with a passkey (JavaScript): the options naming this person's passkeys, or null. */
export async function secondStepPasskeyOptions(db: Db, token: unknown, party: RelyingParty, now = new Date()): Promise<AuthenticationOptions | null> {
  const row = await waitingRow(db, token, now);
  return row ? passkeyAuthenticationOptions(db, row.user.id, party, now) : null;
}

/** Checks a passkey's answer for the waiting sign-in; throttled and audited like a wrong code. */
export async function completeSecondStepWithPasskey(
  db: Db,
  token: unknown,
  response: unknown,
  options: { party: RelyingParty; clientAddress?: string | null; now?: Date },
): Promise<Result<{ method: "passkey"; retryAfter?: never }, "expired" | "passkeyRefused" | "throttled"> & { retryAfter?: number }> {
  const now = options.now ?? new Date();
  const row = await waitingRow(db, token, now);
  if (!row) return fail("expired");
  const userKey = throttleKey("secondStepUser", row.user.id);
  const wait = await lockedFor(db, userKey, now);
  if (wait > 0) return { ...fail("throttled"), retryAfter: wait };
  if (!(await verifyPasskeyAssertion(db, row.user.id, response, options.party, now))) {
    await recordFailure(db, "secondStepUser", userKey, now);
    await recordAudit(db, { organizationId: row.user.organizationId, actorId: null, action: "session.secondStepFailed", target: row.user.email, data: { method: "passkey", address: options.clientAddress?.slice(0, 100) ?? null } });
    return fail("passkeyRefused");
  }
  await clearFailures(db, userKey);
  const passed = await db
    .update(pendingSignIns)
    .set({ passedWith: "passkey" })
    .where(and(eq(pendingSignIns.id, row.pending.id), isNull(pendingSignIns.passedWith), isNull(pendingSignIns.usedAt)))
    .returning({ id: pendingSignIns.id });
  return passed.length > 0 ? { ok: true, method: "passkey" } : fail("expired");
}

/** Spends a token whose steps are all done, once: the person it names, and how they proved it. */
export async function redeemPendingSignIn(db: Db, token: unknown, now = new Date()): Promise<{ user: SignedInUser; method: SignInMethod } | null> {
  if (!isTokenShaped(token)) return null;
  const [used] = await db
    .update(pendingSignIns)
    .set({ usedAt: now })
    .where(and(eq(pendingSignIns.tokenHash, hashToken(token)), isNull(pendingSignIns.usedAt), isNotNull(pendingSignIns.passedWith), gt(pendingSignIns.expiresAt, now)))
    .returning();
  if (!used) return null;
  const [row] = await db
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, used.userId));
  if (!row || row.organization.status !== "active") return null;
  return { user: { id: row.user.id, organizationId: row.user.organizationId, locale: row.user.locale }, method: used.passedWith as SignInMethod };
}

/** Tokens that expired or were spent, removed by the daily round. */
export async function deleteOldPendingSignIns(db: Pick<Db, "delete">, now = new Date()): Promise<number> {
  const rows = await db.delete(pendingSignIns).where(lt(pendingSignIns.expiresAt, new Date(now.getTime() - 24 * 60 * 60_000))).returning({ id: pendingSignIns.id });
  return rows.length;
}
