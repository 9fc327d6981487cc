import "server-only";
import type { SQL } from "drizzle-orm";
import type { Db } from "@/db";

export type { Db };

/** A transaction handed to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Anything that can run a select: the database or a transaction. */
export type Reader = Pick<Db, "select">;

/** Rows of a raw query, whichever driver ran it (postgres.js answers an array, PGlite `{ rows }`). */
export async function queryRows<Row>(db: Pick<Db, "execute">, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}

/** True when a database error (postgres.js or PGlite, wrapped by Drizzle or not) has this SQLSTATE. */
export function hasSqlState(error: unknown, code: string): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (typeof current === "object" && (current as { code?: unknown }).code === code) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export const isUniqueViolation = (error: unknown) => hasSqlState(error, "23505");
