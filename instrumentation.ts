export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // Production refuses to serve without a public origin, a trustworthy client address and an encryption key (one line each, no stack).
  const { originStartupProblem } = await import("@/lib/core/origin");
  const { clientAddressStartupProblem } = await import("@/lib/core/client-address");
  const { encryptionStartupProblem } = await import("@/lib/core/encryption");
  const problem = originStartupProblem() ?? clientAddressStartupProblem() ?? encryptionStartupProblem();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  const { getDatabase } = await import("./db");
  const database = await getDatabase();
  // A new embedded database starts with the demo organizations in development only (README: demo accounts).
  const { seedIfEmpty, shouldSeedDemo } = await import("@/lib/demo/seed");
  if (database.driver === "pglite" && shouldSeedDemo()) await seedIfEmpty(database.db);
  // Purges, deletions and the daily maintenance round run in this process too, unless a separate
  // `npm run worker` does them; however many processes run, the jobs table gives each job to one.
  if (process.env.WORKER_IN_SERVER !== "false") {
    const { ensureWorker } = await import("@/lib/jobs/worker");
    ensureWorker(database.db);
  }
}
