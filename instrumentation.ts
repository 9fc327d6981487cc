export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDatabase } = await import("./db");
  const database = await getDatabase();
  // A new embedded database starts with the demo organizations (README: demo accounts).
  if (database.driver === "pglite" && process.env.SEED_DEMO !== "false") {
    const { seedIfEmpty } = await import("@/lib/demo/seed");
    await seedIfEmpty(database.db);
  }
  // Purges, deletions and the daily maintenance round run in this process too, unless a separate
  // `npm run worker` does them; however many processes run, the jobs table gives each job to one.
  if (process.env.WORKER_IN_SERVER !== "false") {
    const { ensureWorker } = await import("@/lib/jobs/worker");
    ensureWorker(database.db);
  }
}
