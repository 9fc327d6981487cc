import { createHash, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { log } from "./log";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Prometheus metrics of this process. Middleware, route handlers, pages and instrumentation are
 * separate bundles in one Node process: they share one registry through a globalThis symbol, and
 * server.mjs reports every finished request through the hook installed here.
 */

type Metrics = {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route">;
  jobsByState: Gauge<"kind" | "state">;
  jobBatchDuration: Histogram<"kind">;
  throttleRefusals: Counter<"throttle">;
  mailFailures: Counter;
  databaseUp: Gauge;
};

const metricsKey = Symbol.for("org-console.metrics");
// server.mjs calls this for every finished response (it cannot import TypeScript).
const observerKey = Symbol.for("org-console.observe-request");
export type FinishedRequest = { method: string; path: string; status: number; seconds: number; requestId?: string };
type Shared = typeof globalThis & { [metricsKey]?: Metrics; [observerKey]?: (request: FinishedRequest) => void };
const shared = globalThis as Shared;

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({ name: "http_requests_total", help: "HTTP requests by route pattern, method and status.", labelNames: ["method", "route", "status"], registers }),
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "Time from request to the end of the response, by route pattern.",
      labelNames: ["method", "route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    jobsByState: new Gauge({ name: "org_console_jobs", help: "Jobs in the database by kind and state (read at scrape time).", labelNames: ["kind", "state"], registers }),
    jobBatchDuration: new Histogram({
      name: "org_console_job_batch_duration_seconds",
      help: "Duration of one batch of a purge or deletion.",
      labelNames: ["kind"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    throttleRefusals: new Counter({ name: "org_console_throttle_refusals_total", help: "Requests refused by a throttle, by throttle name.", labelNames: ["throttle"], registers }),
    mailFailures: new Counter({ name: "org_console_mail_failures_total", help: "Emails that could not be sent.", registers }),
    databaseUp: new Gauge({ name: "org_console_database_up", help: "1 when the database answered the scrape's query, else 0.", registers }),
  };
}

export function metrics(): Metrics {
  shared[metricsKey] ??= create();
  return shared[metricsKey];
}

type RoutePattern = { route: string; pattern: RegExp; dynamic: number };
let routePatterns: RoutePattern[] | undefined;

/** The app's routes as Next built them (`/[locale]/admin/members`). */
function loadRoutePatterns(): RoutePattern[] {
  const file = path.join(process.cwd(), process.env.NEXT_DIST_DIR ?? ".next", "app-path-routes-manifest.json");
  try {
    return patternsOf(Object.values(JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>));
  } catch {
    // No production build (development, tests): every path but `/_next/` counts as "other".
    return [];
  }
}

/** Route patterns as matchers, most specific first: static routes before dynamic ones. */
export function patternsOf(routes: string[]): RoutePattern[] {
  return [...new Set(routes)]
    .map((route) => {
      const segments = route.split("/").filter(Boolean);
      const source = segments
        .map((segment) => {
          if (/^\[\[\.\.\..+\]\]$/.test(segment)) return "(?:/.*)?";
          if (/^\[\.\.\..+\]$/.test(segment)) return "/.+";
          if (/^\[.+\]$/.test(segment)) return "/[^/]+";
          return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
        })
        .join("");
      return { route, pattern: new RegExp(`^${source || "/"}/?$`), dynamic: segments.filter((segment) => segment.startsWith("[")).length };
    })
    .sort((a, b) => a.dynamic - b.dynamic || b.route.length - a.route.length);
}

/** A request's route pattern, never its raw path: the label set stays bounded whatever clients send. */
export function routeOf(pathname: string, patterns?: RoutePattern[]): string {
  if (pathname.startsWith("/_next/")) return "/_next/*";
  patterns ??= routePatterns ??= loadRoutePatterns();
  return patterns.find((candidate) => candidate.pattern.test(pathname))?.route ?? "other";
}

const knownMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Counts a finished request under its route pattern, and writes its access-log line. */
export function observeRequest({ method, path: pathname, status, seconds, requestId }: FinishedRequest): void {
  const route = routeOf(pathname);
  const verb = knownMethods.has(method) ? method : "other";
  const { httpRequests, httpDuration } = metrics();
  httpRequests.inc({ method: verb, route, status: String(status) });
  httpDuration.observe({ method: verb, route }, seconds);
  if (!pathname.startsWith("/_next/")) log("http").info({ ...(requestId ? { requestId } : {}), method: verb, route, path: pathname, status, ms: Math.round(seconds * 1000) }, "request");
}

/** Installs the hook server.mjs calls when a response ends. */
export function installRequestObserver(): void {
  shared[observerKey] = observeRequest;
}

export function observeJobBatch(kind: string, seconds: number): void {
  metrics().jobBatchDuration.observe({ kind }, seconds);
}

export function countThrottleRefusal(throttle: string): void {
  metrics().throttleRefusals.inc({ throttle });
}

export function countMailFailure(): void {
  metrics().mailFailures.inc();
}

export type JobCount = { kind: string; state: string; count: number };

/** The exposition text; `readJobs` is asked at scrape time (null: the database did not answer). */
export async function metricsText(readJobs: () => Promise<JobCount[] | null>): Promise<string> {
  const { registry, jobsByState, databaseUp } = metrics();
  const counts = await readJobs();
  jobsByState.reset();
  for (const { kind, state, count } of counts ?? []) jobsByState.set({ kind, state }, count);
  databaseUp.set(counts ? 1 : 0);
  return registry.metrics();
}

export const metricsContentType = Registry.PROMETHEUS_CONTENT_TYPE;

export type MetricsAccess = "allowed" | "disabled" | "refused";

/** Who may scrape: nobody without METRICS_TOKEN; else only `Authorization: Bearer <that token>`, compared in constant time. */
export function metricsAccess(authorization: string | null, token = process.env.METRICS_TOKEN): MetricsAccess {
  if (!token) return "disabled";
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1] ?? "";
  // Equal-length digests: the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(token)) && presented.length > 0 ? "allowed" : "refused";
}
