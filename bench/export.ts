// npm run bench:export — the full export of a 1,000,000-message organization through the running
// server's worker, beside `COPY … TO STDOUT` of the same rows through gzip: time, archive size and
// the server's peak memory (RSS) over its idle figure.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import { jobs, organizationExports } from "@/db/schema";
import { loadUserViewer } from "@/lib/auth/session-user";
import { requestExport } from "@/lib/lifecycle/exports";
import { createScratchDatabase } from "@/tests/support/db";
import { seconds, seedOrganization, serverUrl, sizes, startServer, vacuumAnalyze } from "./support";

// The server runs with NODE_ENV=production, which requires the audit chain's key.
process.env.AUDIT_CHAIN_KEY ??= "bench-audit-chain-key-not-for-production-000";

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

/**
 * `COPY … TO STDOUT` of the rows the export writes (organization, members, chats, messages,
 * invitations, audit events; the same columns), read from psql's standard output through gzip into
 * a counting sink. psql rather than postgres.js's `.readable()`: that stream stalls when gzip pauses
 * it (porsager/postgres#499), which left the COPY active in PostgreSQL and the comparison hanging.
 */
async function copyBaseline(url: string, organizationId: string, capMs: number): Promise<{ ms: number; bytes: number } | null> {
  const org = `'${organizationId}'::uuid`;
  const queries = [
    `copy (select id, name, plan, status, chat_retention_days, created_at, updated_at from organizations where id = ${org}) to stdout`,
    `copy (select id, email, name, locale, role, billing, created_at from users where organization_id = ${org} order by id) to stdout`,
    `copy (select id, user_id, title, created_at, updated_at from chats where organization_id = ${org} order by id) to stdout`,
    `copy (select m.id, m.chat_id, m.author, m.body, m.created_at from messages m join chats c on c.id = m.chat_id where c.organization_id = ${org} order by m.chat_id, m.id) to stdout`,
    `copy (select id, email, role, billing, invited_by, expires_at, accepted_at, revoked_at, created_at from invitations where organization_id = ${org} order by created_at, id) to stdout`,
    `copy (select id, actor_id, action, target, data, created_at from audit_events where organization_id = ${org} order by id) to stdout`,
  ];
  const started = performance.now();
  const psql = spawn("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, ...queries.flatMap((query) => ["-c", query])], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<number | null>((resolve) => psql.once("close", (code) => resolve(code)));
  const out = counter();
  const timer = setTimeout(() => psql.kill("SIGTERM"), capMs);
  try {
    await pipeline(psql.stdout, createGzip(), out.sink);
    const code = await exited;
    if (code !== 0) return null;
  } finally {
    clearTimeout(timer);
  }
  return { ms: performance.now() - started, bytes: out.bytes() };
}

async function main(): Promise<number> {
  // BENCH_DB_PREFIX names the scratch database (each engineer on a shared server has their own prefix).
  const database = await createScratchDatabase(serverUrl, process.env.BENCH_DB_PREFIX ?? "org_console_bench", { keep: process.env.BENCH_KEEP_DATABASE === "true" });
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
    // Three exports, one after the other, and their median, as for the baseline below: a single run
    // would compare a cold worker (its first ZIP, its first COPY) with a warm psql.
    const exportRuns: { ms: number; size: number }[] = [];
    for (let run = 0; run < 3; run += 1) {
      // Seeding two million rows leaves PostgreSQL flushing them for a while: a checkpoint before
      // each timed run (the baseline's too) keeps that background writing out of both figures.
      await database.db.execute(sql`checkpoint`);
      started = performance.now();
      const request = await requestExport(database.db, lookup.viewer);
      if (!request.ok) throw new Error(`export refused: ${request.error}`);
      let state = "queued";
      while (state === "queued" || state === "running") {
        // Polled every 20 ms: the figure is the export's, not the poll's (at 100 ms it added ~50 ms).
        await new Promise((resolve) => setTimeout(resolve, 20));
        const [job] = await database.db.select().from(jobs).where(eq(jobs.id, request.export.id));
        state = job!.state;
      }
      const ms = performance.now() - started;
      const [file] = await database.db.select().from(organizationExports).where(eq(organizationExports.jobId, request.export.id));
      if (state !== "done" || !file) throw new Error(`export ended ${state}`);
      exportRuns.push({ ms, size: file.size });
    }
    await server.stop();
    const sorted = [...exportRuns].sort((x, y) => x.ms - y.ms);
    const { ms, size } = sorted[Math.floor(sorted.length / 2)]!;
    const growth = server.peakRssMb() - idleRss;
    console.log(`export job (request → ZIP ready): median ${seconds(ms)} of ${exportRuns.map((r) => seconds(r.ms)).join(", ")}, archive ${(size / 1024 / 1024).toFixed(1)} MB`);
    console.log(`server RSS: idle ${idleRss} MB, peak ${server.peakRssMb()} MB, growth ${growth} MB (goal: under 100 MB)`);
    // The baseline runs after the export, each run capped, so the export's figures print whatever happens.
    const runs: { ms: number; bytes: number }[] = [];
    for (let run = 0; run < 3; run += 1) {
      await database.db.execute(sql`checkpoint`);
      const capped = await copyBaseline(database.url, a.id, 120_000);
      if (!capped) break;
      runs.push(capped);
    }
    if (runs.length === 0) {
      console.log("COPY … TO STDOUT | gzip: did not finish within 120 s or failed (no ratio)");
      return 1;
    }
    runs.sort((x, y) => x.ms - y.ms);
    const baseline = runs[Math.floor(runs.length / 2)]!;
    console.log(`COPY … TO STDOUT | gzip of the same rows: median ${seconds(baseline.ms)} of ${runs.map((r) => seconds(r.ms)).join(", ")}, ${(baseline.bytes / 1024 / 1024).toFixed(1)} MB`);
    const ratio = ms / baseline.ms;
    console.log(`ratio export / (COPY + gzip): ${ratio.toFixed(2)}× (goal: at most 2×); size ratio ${(size / baseline.bytes).toFixed(2)}×`);
    const passed = ratio <= 2 && growth < 100;
    console.log(passed ? "PASS" : "FAIL");
    return passed ? 0 : 1;
  } finally {
    rmSync(exportDir, { recursive: true, force: true });
    await database.close();
  }
}

void main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
