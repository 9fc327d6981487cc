import { isDatabaseUp } from "@/db";
import { localeOf, problemBody } from "@/lib/api/problems";
import { retryAfterSeconds, whenDatabaseAnswers } from "@/lib/core/unavailable";

export const dynamic = "force-dynamic";

// A load balancer's probe should hear "down" quickly rather than wait on a stuck connection.
const healthBudgetMs = 1000;

export async function GET(request?: Request) {
  const up = (await whenDatabaseAnswers(isDatabaseUp, healthBudgetMs)) === true;
  if (up) return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  const body = { ...problemBody("unavailable", localeOf(request?.headers.get("accept-language") ?? null)), database: "down" };
  return new Response(JSON.stringify(body), {
    status: 503,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", "Retry-After": String(retryAfterSeconds) },
  });
}
