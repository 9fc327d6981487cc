import { rememberRequestFailure } from "@/lib/core/request-failures";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // Production refuses to serve without a public origin, a trustworthy client address and its secrets (one line each, no stack).
  const { originStartupProblem } = await import("@/lib/core/origin");
  const { clientAddressStartupProblem } = await import("@/lib/core/client-address");
  const { secretsStartupProblem } = await import("@/lib/core/secrets");
  const { encryptionStartupProblem } = await import("@/lib/core/encryption");
  const { logger, routeConsoleToLogger } = await import("@/lib/core/log");
  const problem = originStartupProblem() ?? clientAddressStartupProblem() ?? secretsStartupProblem() ?? encryptionStartupProblem();
  if (problem) {
    // Said plainly on stderr (a person starting the server reads it), and as a log line.
    console.error(problem);
    logger().fatal({ component: "server" }, problem);
    logger().flush();
    process.exit(1);
  }
  // Request counts, latency histograms and the access log: server.mjs reports each finished request here.
  const { installRequestObserver } = await import("@/lib/core/metrics");
  installRequestObserver();
  // In production everything printed (Next's own error reports too) becomes a scrubbed JSON line.
  if (process.env.NODE_ENV === "production") routeConsoleToLogger();
  // server.mjs asks this before sending a 500: while the database is down, the answer is a 503 instead.
  const { unavailableAnswer } = await import("@/lib/api/unavailable-answer");
  (globalThis as Record<symbol, unknown>)[Symbol.for("org-console.unavailable-answer")] = unavailableAnswer;
  const { embeddedDataDir, getDatabase } = await import("./db");
  const database = await getDatabase();
  // A new embedded database starts with the demo organizations in development only (README: demo accounts).
  const { seedIfEmpty, shouldSeedDemo } = await import("@/lib/demo/seed");
  if (database.driver === "pglite" && shouldSeedDemo()) await seedIfEmpty(database.db);
  // Only this process may open the embedded database: commands such as `npm run audit:verify` ask it.
  const { internalUrl, writeInternalApi } = await import("@/lib/core/internal-api");
  const url = internalUrl();
  if (database.driver === "pglite" && url) writeInternalApi(embeddedDataDir(), url);
  // Purges, deletions and the daily maintenance round run in this process too, unless a separate
  // `npm run worker` does them; however many processes run, the jobs table gives each job to one.
  if (process.env.WORKER_IN_SERVER !== "false") {
    const { ensureWorker } = await import("@/lib/jobs/worker");
    const worker = ensureWorker(database.db);
    // Jobs queued by other instances (or the API of another process) wake it at once too.
    const { jobsChannel } = await import("@/lib/jobs/jobs");
    await database.listen?.(jobsChannel, () => worker.wake()).catch(() => undefined);
  }
}

/**
 * Next reports each error of a render here, before its 500 is written: server.mjs, which holds that
 * 500, then knows whether the database failed it (lib/api/unavailable-answer.ts).
 */
export function onRequestError(error: unknown, request: { headers: Record<string, string | string[] | undefined> }): void {
  rememberRequestFailure(request.headers["x-request-id"], error);
}
