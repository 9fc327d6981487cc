import "server-only";
import { isDatabaseUp } from "@/db";
import { takeRequestFailure } from "@/lib/core/request-failures";
import { isDatabaseUnavailable, unavailablePage, whenDatabaseAnswers } from "@/lib/core/unavailable";
import { unavailableProblem } from "./door";
import { localeOf } from "./problems";

// The check runs only when an answer was about to be a 500: it must not add much to it.
const probeBudgetMs = 500;

/**
 * What a request that failed with a 500 should answer instead, when the failure was the database
 * going away: the 503 problem on /api, the localized 503 page elsewhere; null for any other failure.
 * The error the render reported decides first: a query that met a database starting up or shutting
 * down is a 503 even when the database answers again a moment later (fault:db-down found such 500s
 * around `pg_ctl start`); otherwise the database is asked, within a short budget.
 */
export async function unavailableAnswer(pathname: string, acceptLanguage: string | null, requestId?: string | null): Promise<Response | null> {
  const failure = takeRequestFailure(requestId);
  const down = (failure !== undefined && isDatabaseUnavailable(failure)) || (await whenDatabaseAnswers(isDatabaseUp, probeBudgetMs)) !== true;
  if (!down) return null;
  const locale = pathname.startsWith("/fr/") || pathname === "/fr" ? "fr" : pathname.startsWith("/en/") || pathname === "/en" ? "en" : localeOf(acceptLanguage);
  return pathname.startsWith("/api/") ? unavailableProblem(locale) : unavailablePage(locale);
}
