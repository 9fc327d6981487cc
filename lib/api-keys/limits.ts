import "server-only";
import { and, eq, gt, lt, sql } from "drizzle-orm";
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

/** The stored answer for this key and Idempotency-Key: replayed, refused (another body), or none yet. */
export async function findIdempotentAnswer(
  db: Pick<Db, "select">,
  keyId: string,
  idempotencyKey: string,
  requestHash: string,
  now = new Date(),
): Promise<{ kind: "replay"; answer: StoredAnswer } | { kind: "mismatch" } | null> {
  const [row] = await db
    .select()
    .from(apiIdempotency)
    .where(
      and(
        eq(apiIdempotency.keyId, keyId),
        eq(apiIdempotency.idempotencyKey, idempotencyKey),
        gt(apiIdempotency.createdAt, sql`${new Date(now.getTime() - idempotencyWindowMs).toISOString()}::timestamptz`),
      ),
    );
  if (!row) return null;
  if (row.requestHash !== requestHash) return { kind: "mismatch" };
  return { kind: "replay", answer: { status: row.status, body: row.body } };
}

/** Keeps the first answer; a record older than the window is replaced by the new one. */
export async function rememberIdempotentAnswer(db: Pick<Db, "insert">, keyId: string, idempotencyKey: string, requestHash: string, answer: StoredAnswer, now = new Date()): Promise<void> {
  const expired = sql`${new Date(now.getTime() - idempotencyWindowMs).toISOString()}::timestamptz`;
  await db
    .insert(apiIdempotency)
    .values({ keyId, idempotencyKey, requestHash, status: answer.status, body: answer.body, createdAt: now })
    .onConflictDoUpdate({
      target: [apiIdempotency.keyId, apiIdempotency.idempotencyKey],
      set: { requestHash, status: answer.status, body: answer.body, createdAt: now },
      setWhere: lt(apiIdempotency.createdAt, expired),
    });
}

/** The daily round's share: records past the window go. */
export async function deleteOldIdempotencyRecords(db: Pick<Db, "delete">, now = new Date()): Promise<number> {
  const rows = await db
    .delete(apiIdempotency)
    .where(lt(apiIdempotency.createdAt, sql`${new Date(now.getTime() - idempotencyWindowMs).toISOString()}::timestamptz`))
    .returning({ keyId: apiIdempotency.keyId });
  return rows.length;
}
