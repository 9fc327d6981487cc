export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDatabase } = await import("./db");
  const database = await getDatabase();
  // Purges and deletions run in this process too, unless a separate `npm run worker` does them.
  if (process.env.WORKER_IN_SERVER !== "false") {
    const { ensureWorker } = await import("./lib/worker");
    ensureWorker(database.db);
    const { startDomainRechecks } = await import("./lib/domain-join");
    startDomainRechecks(database.db);
  }
}
