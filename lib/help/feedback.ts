import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { helpFeedback } from "@/db/schema";
import type { Db } from "@/db";
import { locales } from "@/i18n/locales";
import { helpSlugs, type HelpSlug } from "./types";
import { guard, validate } from "@/lib/core/guard";
import { lockedFor, recordFailure, throttleKey } from "@/lib/core/throttle";
import { fail, type Result } from "@/lib/core/result";
import type { Viewer } from "@/lib/core/actor";

/** The cookie that tells one browser from another, so each browser votes once per article. */
export const voterCookie = "help_voter";

export const voterSchema = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/);

export const helpFeedbackSchema = z.object({
  article: z.enum(helpSlugs, { error: "invalid" }),
  locale: z.enum(locales, { error: "invalid" }),
  helpful: z.enum(["yes", "no"], { error: "required" }),
  voter: voterSchema,
});

export type HelpFeedbackError = "validation" | "throttled";

/**
 * Records a yes/no answer to "Did you find the answer?". Anyone may answer, signed in or not; a
 * second answer from the same browser for the same article changes nothing. Votes are throttled
 * per client address, since a client that drops its cookie is a new browser.
 */
export async function recordHelpFeedback(
  db: Db,
  input: Record<string, unknown>,
  options: { clientAddress?: string | null } = {},
): Promise<Result<{ recorded: boolean; article: HelpSlug }, HelpFeedbackError>> {
  const parsed = validate(helpFeedbackSchema, input, () => fail("validation"));
  if (!parsed.ok) return parsed;
  const { article, locale, helpful, voter } = parsed.input;
  if (options.clientAddress) {
    const addressKey = throttleKey("helpFeedbackAddress", options.clientAddress);
    if ((await lockedFor(db, addressKey)) > 0) return fail("throttled");
    await recordFailure(db, "helpFeedbackAddress", addressKey);
  }
  const inserted = await db
    .insert(helpFeedback)
    .values({ article, locale, helpful: helpful === "yes", voter })
    .onConflictDoNothing()
    .returning({ id: helpFeedback.id });
  return { ok: true, recorded: inserted.length > 0, article };
}

/** Whether this browser already answered for this article. */
export async function hasAnswered(db: Db, article: HelpSlug, voter: string | undefined): Promise<boolean> {
  if (!voter || !voterSchema.safeParse(voter).success) return false;
  const [row] = await db
    .select({ id: helpFeedback.id })
    .from(helpFeedback)
    .where(and(eq(helpFeedback.article, article), eq(helpFeedback.voter, voter)))
    .limit(1);
  return row !== undefined;
}

export type HelpFeedbackCount = { article: HelpSlug; helpful: number; notHelpful: number };

/** Answers per article, every article listed even without answers; for Admins only. */
export async function getHelpFeedbackCounts(
  db: Db,
  actor: Viewer | null,
): Promise<Result<{ counts: HelpFeedbackCount[] }, "forbidden">> {
  const door = guard(actor, "helpFeedback.view");
  if (!door.ok) return door;
  const rows = await db
    .select({ article: helpFeedback.article, helpful: helpFeedback.helpful, total: count() })
    .from(helpFeedback)
    .groupBy(helpFeedback.article, helpFeedback.helpful)
    .orderBy(sql`1`);
  const counts = helpSlugs.map((article) => {
    const of = (helpful: boolean) => rows.find((row) => row.article === article && row.helpful === helpful)?.total ?? 0;
    return { article, helpful: Number(of(true)), notHelpful: Number(of(false)) };
  });
  return { ok: true, counts };
}
