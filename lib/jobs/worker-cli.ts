import "server-only";
// Runs the job worker on its own (`npm run worker`), for deployments where the web tier is scaled out.
import { getDatabase } from "@/db";
import { startWorker } from "./worker";

async function main() {
  const database = await getDatabase();
  const worker = startWorker(database.db);
  console.log(`[worker] started (${database.driver}); waiting for purges, deletions and the daily maintenance round`);
  const shutdown = async (signal: string) => {
    console.log(`[worker] ${signal}: finishing the current batch, then stopping`);
    await worker.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error("[worker] could not start", error);
  process.exit(1);
});
