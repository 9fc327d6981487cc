import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { passkeys, recoveryCodes, totpAuthenticators } from "@/db/schema";
import type { Db, Tx } from "@/lib/core/db";
import { decryptSecret } from "@/lib/core/encryption";
import { clearFailures, lockedFor, recordFailure, throttleKey } from "@/lib/core/throttle";
import { acceptedStep } from "./totp";
import { hashRecoveryCode } from "./recovery-codes";

export type SecondFactorMethod = "totp" | "recovery";

/** Which second factors a person has set up (a started but unconfirmed app does not count). */
export async function factorsOf(db: Pick<Db, "select">, userId: string): Promise<{ totp: boolean; passkeys: number; recoveryCodesLeft: number }> {
  const [app] = await db
    .select({ userId: totpAuthenticators.userId })
    .from(totpAuthenticators)
    .where(and(eq(totpAuthenticators.userId, userId), isNotNull(totpAuthenticators.confirmedAt)));
  const [codes] = await db
    .select({ left: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  const [keys] = await db.select({ count: sql<number>`count(*)::int` }).from(passkeys).where(eq(passkeys.userId, userId));
  return { totp: Boolean(app), passkeys: keys?.count ?? 0, recoveryCodesLeft: codes?.left ?? 0 };
}

export async function hasSecondFactor(db: Pick<Db, "select">, userId: string): Promise<boolean> {
  const factors = await factorsOf(db, userId);
  return factors.totp || factors.passkeys > 0;
}

/** Checks an app code against the confirmed authenticator and spends its step, in one conditional update. */
async function spendTotpCode(tx: Tx, userId: string, code: string, now: Date): Promise<boolean> {
  const [app] = await tx
    .select()
    .from(totpAuthenticators)
    .where(and(eq(totpAuthenticators.userId, userId), isNotNull(totpAuthenticators.confirmedAt)))
    .for("update");
  if (!app) return false;
  const step = acceptedStep(decryptSecret(app.secretEncrypted), code, app.lastUsedStep, now.getTime());
  if (step === null) return false;
  await tx.update(totpAuthenticators).set({ lastUsedStep: step }).where(eq(totpAuthenticators.userId, userId));
  return true;
}

/** Spends one unused recovery code; the conditional update makes two racing uses spend it once. */
async function spendRecoveryCode(tx: Tx, userId: string, typed: string, now: Date): Promise<boolean> {
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(typed)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}

export type SecondFactorCheck =
  | { ok: true; method: SecondFactorMethod; recoveryCodesLeft: number }
  | { ok: false; error: "invalidCode" | "throttled"; retryAfter?: number };

/**
 * The one check of a second factor (sign-in and step-up): throttled per person and per client
 * address, five wrong codes lock the person out of this step for 15 minutes.
 */
export async function checkSecondFactor(
  db: Db,
  userId: string,
  typed: { code?: string; recoveryCode?: string },
  options: { clientAddress?: string | null; now?: Date } = {},
): Promise<SecondFactorCheck> {
  const now = options.now ?? new Date();
  const userKey = throttleKey("secondStepUser", userId);
  const addressKey = options.clientAddress ? throttleKey("secondStepAddress", options.clientAddress) : null;
  const retryAfter = Math.max(await lockedFor(db, userKey, now), addressKey ? await lockedFor(db, addressKey, now) : 0);
  if (retryAfter > 0) return { ok: false, error: "throttled", retryAfter };
  const method: SecondFactorMethod | null = await db.transaction(async (tx) => {
    if (typed.code && (await spendTotpCode(tx, userId, typed.code, now))) return "totp";
    if (typed.recoveryCode && (await spendRecoveryCode(tx, userId, typed.recoveryCode, now))) return "recovery";
    return null;
  });
  if (!method) {
    await recordFailure(db, "secondStepUser", userKey, now);
    if (addressKey) await recordFailure(db, "secondStepAddress", addressKey, now);
    return { ok: false, error: "invalidCode" };
  }
  await clearFailures(db, userKey);
  return { ok: true, method, recoveryCodesLeft: (await factorsOf(db, userId)).recoveryCodesLeft };
}
