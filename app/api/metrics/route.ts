import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { queryRows } from "@/lib/core/db";
import { metricsAccess, metricsContentType, metricsText, type JobCount } from "@/lib/core/metrics";
import { databaseUnavailable, whenDatabaseAnswers } from "@/lib/core/unavailable";

export const dynamic = "force-dynamic";

// A scrape never waits long on the database: the job gauge is left empty and database_up says 0.
const jobsBudgetMs = 1000;

async function jobCounts(): Promise<JobCount[] | null> {
  const counts = await whenDatabaseAnswers(async () =>
    queryRows<JobCount>(await getDb(), sql`select kind::text as kind, state::text as state, count(*)::int as count from jobs group by kind, state`),
  jobsBudgetMs).catch((): typeof databaseUnavailable => databaseUnavailable);
  return counts === databaseUnavailable ? null : counts;
}

/** Prometheus exposition, for whoever holds METRICS_TOKEN (no body is read: GET only). */
export async function GET(request: Request) {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access === "disabled") return new Response("Not Found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  if (access === "refused") {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(await metricsText(jobCounts), { headers: { "Content-Type": metricsContentType, "Cache-Control": "no-store" } });
}
