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
  // Purges and deletions run in this process too, unless a separate `npm run worker` does them.
  if (process.env.WORKER_IN_SERVER !== "false") {
    const { ensureWorker } = await import("@/lib/jobs/worker");
    ensureWorker(database.db);
    const { startDomainRechecks } = await import("@/lib/domains/domain-join");
    startDomainRechecks(database.db);
  }
}
