import { and, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { passkeys, totpAuthenticators } from "@/db/schema";

/**
 * Whether the person of `userId` (a column of the outer query) has two-step sign-in on: an app
 * confirmed or a passkey registered. A condition for a WHERE, or a column of a SELECT: the Members
 * page reads it with the list itself, one query instead of two.
 */
export function hasTwoStep(userId: PgColumn): SQL<boolean> {
  const app = and(eq(totpAuthenticators.userId, userId), isNotNull(totpAuthenticators.confirmedAt));
  return sql<boolean>`(exists (select 1 from ${totpAuthenticators} where ${app}) or exists (select 1 from ${passkeys} where ${eq(passkeys.userId, userId)}))`;
}
