import "server-only";
// Runs the job worker on its own (`npm run worker`), for deployments where the web tier is scaled out.
import { getDatabase } from "@/db";
import { log } from "@/lib/core/log";
import { jobsChannel } from "./jobs";
import { startWorker } from "./worker";

async function main() {
  const database = await getDatabase();
  const worker = startWorker(database.db);
  // Jobs queued by the server's requests wake this worker at once (else: its next poll).
  await database.listen?.(jobsChannel, () => worker.wake()).catch((error: unknown) => log("worker").warn({ err: error }, "cannot listen for new jobs: polling only"));
  log("worker").info({ driver: database.driver }, "started; waiting for purges, deletions and the daily maintenance round");
  const shutdown = async (signal: string) => {
    log("worker").info({ signal }, "finishing the current batch, then stopping");
    await worker.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  log("worker").fatal({ err: error }, "could not start");
  process.exit(1);
});
