import "server-only";
import { eq, sql } from "drizzle-orm";
import { signInAttempts } from "@/db/schema";
import type { Db } from "@/db";
import { countThrottleRefusal } from "./metrics";

/** Failed sign-ins allowed per window before the key is locked for `lockMinutes`. */
export const throttlePolicy = {
  email: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
  // Many people can share one address (an office, a proxy): a looser limit, configurable.
  address: { maxFailures: Number(process.env.SIGN_IN_MAX_FAILURES_PER_ADDRESS ?? 30), windowMinutes: 15, lockMinutes: 15 },
  // Password reset requests count every request, not failures: each one may send a mail.
  resetEmail: { maxFailures: 3, windowMinutes: 60, lockMinutes: 60 },
  resetAddress: { maxFailures: Number(process.env.PASSWORD_RESET_MAX_PER_ADDRESS ?? 20), windowMinutes: 60, lockMinutes: 60 },
  // Sign-ups count every attempt: each one runs scrypt, and answers whether an address is taken.
  signUpEmail: { maxFailures: 5, windowMinutes: 60, lockMinutes: 60 },
  signUpAddress: { maxFailures: Number(process.env.SIGN_UP_MAX_PER_ADDRESS ?? 20), windowMinutes: 60, lockMinutes: 60 },
  // Help-feedback votes: one per article and browser anyway; this bounds a client that drops its cookie.
  helpFeedbackAddress: { maxFailures: Number(process.env.HELP_FEEDBACK_MAX_PER_ADDRESS ?? 30), windowMinutes: 60, lockMinutes: 60 },
  // Sign-ups that mail a join-confirmation link: so nobody can make the console flood a mailbox.
  confirmEmail: { maxFailures: 3, windowMinutes: 60, lockMinutes: 60 },
  // Second-step codes (sign-in and step-up): six digits are guessable without a tight limit per person.
  secondStepUser: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
  secondStepAddress: { maxFailures: Number(process.env.SIGN_IN_MAX_FAILURES_PER_ADDRESS ?? 30), windowMinutes: 15, lockMinutes: 15 },
} as const;

export type ThrottleKind = keyof typeof throttlePolicy;

export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${value.toLowerCase()}`;
}

/** Seconds until the key may try again, or 0 when it is free. */
export async function lockedFor(db: Pick<Db, "select">, key: string, now = new Date()): Promise<number> {
  const [row] = await db.select().from(signInAttempts).where(eq(signInAttempts.key, key));
  if (!row?.lockedUntil || row.lockedUntil <= now) return 0;
  const kind = key.slice(0, key.indexOf(":"));
  countThrottleRefusal(kind in throttlePolicy ? kind : "other");
  return Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000);
}

/** Counts a failure in one statement, so concurrent instances never lose a count. */
export async function recordFailure(db: Pick<Db, "insert">, kind: ThrottleKind, key: string, now = new Date()): Promise<void> {
  const policy = throttlePolicy[kind];
  // Raw SQL parameters are ISO strings: postgres.js does not serialize Date objects inside sql``.
  const windowStart = sql`${new Date(now.getTime() - policy.windowMinutes * 60_000).toISOString()}::timestamptz`;
  const lockUntil = sql`${new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString()}::timestamptz`;
  const started = sql`${now.toISOString()}::timestamptz`;
  await db
    .insert(signInAttempts)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInAttempts.key,
      set: {
        failures: sql`case when ${signInAttempts.windowStartedAt} < ${windowStart} then 1 else ${signInAttempts.failures} + 1 end`,
        windowStartedAt: sql`case when ${signInAttempts.windowStartedAt} < ${windowStart} then ${started} else ${signInAttempts.windowStartedAt} end`,
        lockedUntil: sql`case when ${signInAttempts.windowStartedAt} >= ${windowStart} and ${signInAttempts.failures} + 1 >= ${policy.maxFailures} then ${lockUntil} else ${signInAttempts.lockedUntil} end`,
      },
    });
}

export async function clearFailures(db: Pick<Db, "delete">, key: string): Promise<void> {
  await db.delete(signInAttempts).where(eq(signInAttempts.key, key));
}
