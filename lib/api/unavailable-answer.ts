import "server-only";
import { isDatabaseUp } from "@/db";
import { unavailablePage, whenDatabaseAnswers } from "@/lib/core/unavailable";
import { unavailableProblem } from "./door";
import { localeOf } from "./problems";

// The check runs only when an answer was about to be a 500: it must not add much to it.
const probeBudgetMs = 500;

/**
 * What a request that failed with a 500 should answer instead, when the failure was the database
 * going away: the 503 problem on /api, the localized 503 page elsewhere; null while the database answers.
 */
export async function unavailableAnswer(pathname: string, acceptLanguage: string | null): Promise<Response | null> {
  const up = await whenDatabaseAnswers(isDatabaseUp, probeBudgetMs);
  if (up === true) return null;
  const locale = pathname.startsWith("/fr/") || pathname === "/fr" ? "fr" : pathname.startsWith("/en/") || pathname === "/en" ? "en" : localeOf(acceptLanguage);
  return pathname.startsWith("/api/") ? unavailableProblem(locale) : unavailablePage(locale);
}
