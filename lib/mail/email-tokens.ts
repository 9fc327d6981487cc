import "server-only";
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import { emailTokens, type EmailTokenPurpose } from "@/db/schema";
import type { Db, Tx } from "@/lib/core/db";
import { hashToken, isTokenShaped, newToken } from "@/lib/core/tokens";

/** How long an emailed link works: a day to confirm a sign-up, an hour to reset a password. */
export const emailTokenLifetimeMs: Record<EmailTokenPurpose, number> = {
  joinConfirmation: 24 * 60 * 60 * 1000,
  passwordReset: 60 * 60 * 1000,
  // A restore link lasts the deletion's grace period: its issuer passes `expiresAt`.
  organizationRestore: 24 * 60 * 60 * 1000,
};

export type EmailTokenLookup =
  | { status: "valid"; id: string; email: string; payload: Record<string, unknown>; expiresAt: Date }
  | { status: "expired" | "used" | "unknown" };

/**
 * Issues a single-use link token for an email and returns it once; only its hash is stored.
 * Earlier unused tokens of the same purpose for that email stop working: only the latest link does.
 */
export async function issueEmailToken(
  db: Db | Tx,
  input: { purpose: EmailTokenPurpose; email: string; payload?: Record<string, unknown>; expiresAt?: Date },
  now = new Date(),
): Promise<string> {
  const token = newToken();
  await db
    .delete(emailTokens)
    .where(and(eq(emailTokens.purpose, input.purpose), eq(emailTokens.email, input.email), isNull(emailTokens.usedAt)));
  await db.insert(emailTokens).values({
    purpose: input.purpose,
    tokenHash: hashToken(token),
    email: input.email,
    payload: input.payload ?? {},
    expiresAt: input.expiresAt ?? new Date(now.getTime() + emailTokenLifetimeMs[input.purpose]),
    createdAt: now,
  });
  return token;
}

/** What a link's token stands for now, without using it (a GET, or a mail scanner, never consumes it). */
export async function lookupEmailToken(db: Db | Tx, purpose: EmailTokenPurpose, token: unknown, now = new Date()): Promise<EmailTokenLookup> {
  if (!isTokenShaped(token)) return { status: "unknown" };
  const [row] = await db
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose)));
  if (!row) return { status: "unknown" };
  if (row.usedAt) return { status: "used" };
  if (row.expiresAt <= now) return { status: "expired" };
  return { status: "valid", id: row.id, email: row.email, payload: row.payload, expiresAt: row.expiresAt };
}

/**
 * Uses the token up in one conditional statement, so of two concurrent uses exactly one wins;
 * answers why it could not when it was not valid.
 */
export async function consumeEmailToken(db: Db | Tx, purpose: EmailTokenPurpose, token: unknown, now = new Date()): Promise<EmailTokenLookup> {
  if (!isTokenShaped(token)) return { status: "unknown" };
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)))
    .returning();
  if (!row) return lookupEmailToken(db, purpose, token, now);
  return { status: "valid", id: row.id, email: row.email, payload: row.payload, expiresAt: row.expiresAt };
}

/** How long a used or expired link is kept, so opening it still says "used" or "expired". */
export const spentTokenRetentionMs = 7 * 24 * 60 * 60 * 1000;

/** Removes links used or expired more than a week ago; returns how many went. */
export async function deleteSpentEmailTokens(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - spentTokenRetentionMs);
  const gone = await db
    .delete(emailTokens)
    .where(or(lt(emailTokens.expiresAt, before), lt(emailTokens.usedAt, before)))
    .returning({ id: emailTokens.id });
  return gone.length;
}
