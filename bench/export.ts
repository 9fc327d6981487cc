// npm run bench:export — the full export of a 1,000,000-message organization through the running
// server's worker, beside `COPY … TO STDOUT` of the same rows through gzip: time, archive size and
// the server's peak memory (RSS) over its idle figure.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { jobs, organizationExports } from "@/db/schema";
import { loadUserViewer } from "@/lib/auth/session-user";
import { requestExport } from "@/lib/lifecycle/exports";
import { createScratchDatabase } from "@/tests/support/db";
import { seconds, seedOrganization, serverUrl, sizes, startServer, vacuumAnalyze } from "./support";

/** Bytes through a sink, so neither side of the comparison pays for a disk write the other skips. */
function counter() {
  let bytes = 0;
  return {
    sink: new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }),
    bytes: () => bytes,
  };
}

async function copyBaseline(url: string, organizationId: string): Promise<{ ms: number; bytes: number }> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const queries = [
    `copy (select * from organizations where id = '${organizationId}') to stdout`,
    `copy (select id, organization_id, email, name, locale, role, billing, created_at from users where organization_id = '${organizationId}') to stdout`,
    `copy (select * from chats where organization_id = '${organizationId}' order by id) to stdout`,
    `copy (select m.* from messages m join chats c on c.id = m.chat_id where c.organization_id = '${organizationId}' order by m.chat_id, m.id) to stdout`,
    `copy (select * from audit_events where organization_id = '${organizationId}' order by id) to stdout`,
  ];
  const started = performance.now();
  let bytes = 0;
  for (const query of queries) {
    const out = counter();
    await pipeline(await client.unsafe(query).readable(), createGzip(), out.sink);
    bytes += out.bytes();
  }
  const ms = performance.now() - started;
  await client.end();
  return { ms, bytes };
}

async function main() {
  // BENCH_DATABASE_PREFIX names the scratch database (each engineer on a shared server has their own prefix).
  const database = await createScratchDatabase(serverUrl, process.env.BENCH_DATABASE_PREFIX ?? "org_console_bench", { keep: process.env.BENCH_KEEP_DATABASE === "true" });
  const exportDir = mkdtempSync(path.join(os.tmpdir(), "org-console-bench-exports-"));
  process.env.EXPORT_DIR = exportDir;
  try {
    console.log(`# Export everything: ${sizes.chats.toLocaleString("en")} chats and ${(sizes.chats * sizes.messagesPerChat).toLocaleString("en")} messages per organization, 2 organizations, database ${database.name}`);
    let started = performance.now();
    const a = await seedOrganization(database, "Bench A");
    await seedOrganization(database, "Bench B");
    await vacuumAnalyze(database);
    console.log(`seeded in ${seconds(performance.now() - started)}`);
    await database.db.execute(sql`select count(*) from messages`);

    const server = await startServer(database.url);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const idleRss = server.rssMb();
    const lookup = await loadUserViewer(database.db, a.adminId);
    if (lookup.status !== "ok") throw new Error("bench admin not found");
    started = performance.now();
    const request = await requestExport(database.db, lookup.viewer);
    if (!request.ok) throw new Error(`export refused: ${request.error}`);
    let state = "queued";
    while (state === "queued" || state === "running") {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [job] = await database.db.select().from(jobs).where(eq(jobs.id, request.export.id));
      state = job!.state;
    }
    const ms = performance.now() - started;
    await server.stop();
    const [file] = await database.db.select().from(organizationExports).where(eq(organizationExports.jobId, request.export.id));
    if (state !== "done" || !file) throw new Error(`export ended ${state}`);
    console.log(`export job (request → ZIP ready): ${seconds(ms)}, archive ${(file.size / 1024 / 1024).toFixed(1)} MB`);
    console.log(`server RSS: idle ${idleRss} MB, peak ${server.peakRssMb()} MB, growth ${server.peakRssMb() - idleRss} MB (goal: under 100 MB)`);
    // The baseline runs after the export, each run capped, so the export's figures print whatever happens.
    const runs: { ms: number; bytes: number }[] = [];
    for (let run = 0; run < 3; run += 1) {
      const capped = await Promise.race([copyBaseline(database.url, a.id), new Promise<null>((resolve) => setTimeout(() => resolve(null), 120_000))]);
      if (!capped) break;
      runs.push(capped);
    }
    if (runs.length === 0) {
      console.log("COPY … TO STDOUT | gzip: did not finish within 120 s (no ratio)");
      return;
    }
    runs.sort((x, y) => x.ms - y.ms);
    const baseline = runs[Math.floor(runs.length / 2)]!;
    console.log(`COPY … TO STDOUT | gzip of the same rows: median ${seconds(baseline.ms)} of ${runs.map((r) => seconds(r.ms)).join(", ")}, ${(baseline.bytes / 1024 / 1024).toFixed(1)} MB`);
    console.log(`ratio export / (COPY + gzip): ${(ms / baseline.ms).toFixed(2)}× (goal: at most 2×); size ratio ${(file.size / baseline.bytes).toFixed(2)}×`);
  } finally {
    rmSync(exportDir, { recursive: true, force: true });
    await database.close();
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
