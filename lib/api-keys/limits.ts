import "server-only";
import { and, eq, lt, or, sql } from "drizzle-orm";
import { apiIdempotency, apiRateWindows } from "@/db/schema";
import type { Db } from "@/lib/core/db";

/** Requests one key may make per minute, across every instance (they share the database). */
export function rateLimitPerMinute(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.API_RATE_LIMIT_PER_MINUTE);
  return Number.isInteger(configured) && configured > 0 ? configured : 600;
}

export type RateDecision = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

/** Counts one request in the key's current minute, in one statement, and says whether it may go on. */
export async function countRequest(db: Pick<Db, "insert">, keyId: string, now = new Date(), limit = rateLimitPerMinute()): Promise<RateDecision> {
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const started = sql`${windowStart.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(apiRateWindows)
    .values({ keyId, windowStartedAt: windowStart, requests: 1 })
    .onConflictDoUpdate({
      target: apiRateWindows.keyId,
      set: {
        requests: sql`case when ${apiRateWindows.windowStartedAt} = ${started} then ${apiRateWindows.requests} + 1 else 1 end`,
        windowStartedAt: started,
      },
    })
    .returning({ requests: apiRateWindows.requests });
  const requests = row?.requests ?? 1;
  const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000));
  return { allowed: requests <= limit, limit, remaining: Math.max(0, limit - requests), resetSeconds };
}

/** How long the first answer to an Idempotency-Key is replayed. */
export const idempotencyWindowMs = 24 * 60 * 60 * 1000;

export type StoredAnswer = { status: number; body: string };

/** A claim whose request never finished (its server died) is given to the next request after this. */
export const idempotencyClaimMs = 60_000;

const ago = (now: Date, ms: number) => sql`${new Date(now.getTime() - ms).toISOString()}::timestamptz`;

export type IdempotencyClaim = { kind: "claimed" } | { kind: "replay"; answer: StoredAnswer } | { kind: "mismatch" } | { kind: "inProgress" };

/**
 * Claims an Idempotency-Key before the handler runs (a row with status 0), so two identical requests
 * sent at the same moment run once: the second finds the claim and is told to retry, then gets the
 * first one's answer replayed. Another body under the same key is refused. A record older than the
 * window, or a claim older than `idempotencyClaimMs` that never got its answer, is taken over.
 */
export async function claimIdempotencyKey(
  db: Pick<Db, "insert" | "select">,
  keyId: string,
  idempotencyKey: string,
  requestHash: string,
  now = new Date(),
): Promise<IdempotencyClaim> {
  const claimed = await db
    .insert(apiIdempotency)
    .values({ keyId, idempotencyKey, requestHash, status: 0, body: "", createdAt: now })
    .onConflictDoUpdate({
      target: [apiIdempotency.keyId, apiIdempotency.idempotencyKey],
      set: { requestHash, status: 0, body: "", createdAt: now },
      setWhere: or(lt(apiIdempotency.createdAt, ago(now, idempotencyWindowMs)), and(eq(apiIdempotency.status, 0), lt(apiIdempotency.createdAt, ago(now, idempotencyClaimMs)))),
    })
    .returning({ keyId: apiIdempotency.keyId });
  if (claimed.length > 0) return { kind: "claimed" };
  const [row] = await db
    .select()
    .from(apiIdempotency)
    .where(and(eq(apiIdempotency.keyId, keyId), eq(apiIdempotency.idempotencyKey, idempotencyKey)));
  // Gone between the two statements (its request failed and let go of it): the client may retry at once.
  if (!row) return { kind: "inProgress" };
  if (row.requestHash !== requestHash) return { kind: "mismatch" };
  if (row.status === 0) return { kind: "inProgress" };
  return { kind: "replay", answer: { status: row.status, body: row.body } };
}

/** Stores the answer of the request that holds the claim; it is replayed for the rest of the window. */
export async function rememberIdempotentAnswer(db: Pick<Db, "update">, keyId: string, idempotencyKey: string, requestHash: string, answer: StoredAnswer): Promise<void> {
  await db
    .update(apiIdempotency)
    .set({ status: answer.status, body: answer.body })
    .where(and(eq(apiIdempotency.keyId, keyId), eq(apiIdempotency.idempotencyKey, idempotencyKey), eq(apiIdempotency.requestHash, requestHash), eq(apiIdempotency.status, 0)));
}

/** Lets go of a claim whose request failed on our side (5xx or a throw): the client's retry runs it again. */
export async function releaseIdempotencyKey(db: Pick<Db, "delete">, keyId: string, idempotencyKey: string, requestHash: string): Promise<void> {
  await db
    .delete(apiIdempotency)
    .where(and(eq(apiIdempotency.keyId, keyId), eq(apiIdempotency.idempotencyKey, idempotencyKey), eq(apiIdempotency.requestHash, requestHash), eq(apiIdempotency.status, 0)));
}

/** The daily round's share: records past the window go. */
export async function deleteOldIdempotencyRecords(db: Pick<Db, "delete">, now = new Date()): Promise<number> {
  const rows = await db
    .delete(apiIdempotency)
    .where(lt(apiIdempotency.createdAt, sql`${new Date(now.getTime() - idempotencyWindowMs).toISOString()}::timestamptz`))
    .returning({ keyId: apiIdempotency.keyId });
  return rows.length;
}
