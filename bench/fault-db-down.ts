// npm run fault:db-down — PostgreSQL stopped for 10 s under load, then started again. Runs its own
// PostgreSQL cluster (never the shared one: it is stopped here), starts `npm start`'s server on it
// from the existing build, loads it with signed-in pages, /api/health, the sign-in page and the API,
// and prints what clients saw in each phase. Exits non-zero on any 500 (or other 5xx than 503), a
// request without an answer, an answer slower than 1 s during the outage, a database-backed answer
// other than 503 to a request that started and ended while PostgreSQL was down, or recovery above 5 s.
//
// Settings: FAULT_PG_PORT (3649), FAULT_PG_DIR (a new folder under /tmp), FAULT_PG_BIN (the newest
// /usr/lib/postgresql/*/bin), FAULT_CLIENTS (4), FAULT_OUTAGE_SECONDS (10), BENCH_PORT (the server,
// 3201), FAULT_SERVER_LOG (a file that gets the server's log lines; unset, only the worker's are printed).
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { sessions } from "@/db/schema";
import { createScratchDatabase } from "@/tests/support/db";
import { insertKey } from "@/tests/support/api";
import { createCast } from "@/tests/support/factories";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { percentile, sessionCookie, startServer } from "./support";

// The server runs with NODE_ENV=production, which requires the audit chain's key.
process.env.AUDIT_CHAIN_KEY ??= "bench-audit-chain-key-not-for-production-000";

const pgPort = Number(process.env.FAULT_PG_PORT ?? 3649);
const serverPort = Number(process.env.BENCH_PORT ?? 3201);
const clients = Number(process.env.FAULT_CLIENTS ?? 4);
const outageMs = Number(process.env.FAULT_OUTAGE_SECONDS ?? 10) * 1000;
const goals = { outageLatencyMs: 1000, recoveryMs: 5000 };

function postgresBin(): string {
  if (process.env.FAULT_PG_BIN) return process.env.FAULT_PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error("no PostgreSQL server binaries found: set FAULT_PG_BIN to the folder of initdb and pg_ctl");
  return path.join(root, versions[0]!, "bin");
}

/** A throw-away cluster owned by the postgres account when run as root (initdb refuses root). */
function privateCluster() {
  const bin = postgresBin();
  const dir = process.env.FAULT_PG_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "fault-db-down-"));
  const asRoot = process.getuid?.() === 0;
  // Asynchronous: the load's clients keep running (and timing) while pg_ctl works.
  const run = async (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, command), ...args]] : [path.join(bin, command), args];
    return (await promisify(execFile)(file, argv)).stdout;
  };
  if (asRoot) execFileSync("chown", ["postgres", dir]);
  const initialized = fs.existsSync(path.join(dir, "PG_VERSION"));
  const pgCtl = (...args: string[]) => run("pg_ctl", ["-D", dir, ...args]);
  return {
    url: `postgres://postgres@127.0.0.1:${pgPort}/postgres`,
    init: async () => {
      if (!initialized) await run("initdb", ["-D", dir, "-A", "trust", "-U", "postgres"]);
    },
    start: () => pgCtl("-o", `-p ${pgPort} -k /tmp -c listen_addresses=127.0.0.1`, "-l", path.join(dir, "log"), "-w", "start"),
    stop: () => pgCtl("-m", "fast", "-w", "stop"),
    remove: () => {
      if (!process.env.FAULT_PG_DIR) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Target = { label: string; url: string; cookie?: string; headers?: Record<string, string>; needsDatabase: boolean };
type Sample = { label: string; needsDatabase: boolean; started: number; ended: number; ms: number; status: number; body: string; error?: string; requestId?: string };

/** `clients` loops over the targets until told to stop; a request without an answer in 15 s counts as status 0. */
async function load(targets: Target[], until: () => boolean): Promise<Sample[]> {
  const samples: Sample[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let index = client; !until(); index += 1) {
        const target = targets[index % targets.length]!;
        const started = Date.now();
        const begun = performance.now();
        let status = 0;
        let body = "";
        let error: string | undefined;
        let requestId: string | undefined;
        try {
          const response = await fetch(`http://127.0.0.1:${serverPort}${target.url}`, {
            headers: { ...target.headers, ...(target.cookie ? { cookie: target.cookie } : {}) },
            redirect: "manual",
            signal: AbortSignal.timeout(15_000),
          });
          requestId = response.headers.get("x-request-id") ?? undefined;
          body = await response.text();
          status = response.status;
        } catch (caught) {
          error = describeError(caught);
        }
        samples.push({ label: target.label, needsDatabase: target.needsDatabase, started, ended: Date.now(), ms: performance.now() - begun, status, body, error, requestId });
      }
    }),
  );
  return samples;
}

/** fetch's TypeError says only "fetch failed": the socket's own code is on its cause. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth += 1) {
    const { name, code, message } = current as { name?: string; code?: string; message?: string };
    parts.push([name, code, message].filter(Boolean).join(" "));
  }
  return parts.join(" <- ");
}

const statusesOf = (samples: Sample[]) => {
  const counts: Record<string, number> = {};
  for (const sample of samples) counts[sample.status] = (counts[sample.status] ?? 0) + 1;
  return counts;
};

async function main() {
  const cluster = privateCluster();
  await cluster.init();
  await cluster.start();
  const problems: string[] = [];
  try {
    const database = await createScratchDatabase(cluster.url, "ops_fault");
    try {
      const { admin, member, organization } = await createCast(database.db, "team");
      const key = await insertKey(database.db, organization.id, ["organization:read"]);
      const adminCookie = await sessionCookie(database.db, admin.id, organization.id);
      const memberCookie = await sessionCookie(database.db, member.id, organization.id);
      // The cookies' sessions were just checked: no step-up or two-step detour during the run.
      await database.db.update(sessions).set({ checkedAt: new Date() }).where(eq(sessions.userId, admin.id));
      const targets: Target[] = [
        { label: "Organization page (en)", url: "/en/admin/organization", cookie: adminCookie, needsDatabase: true },
        { label: "Members page (fr)", url: "/fr/admin/members", cookie: adminCookie, needsDatabase: true },
        { label: "Profile page (en, Member)", url: "/en/admin/profile", cookie: memberCookie, needsDatabase: true },
        { label: "/api/health", url: "/api/health", needsDatabase: true },
        { label: "/api/v1/organization", url: "/api/v1/organization", headers: { authorization: `Bearer ${key.secret}`, "accept-language": "fr" }, needsDatabase: true },
        { label: "Sign-in page (fr)", url: "/fr/sign-in", needsDatabase: false },
      ];
      const server = await startServer(database.url, { port: serverPort });
      if (process.env.FAULT_SERVER_LOG) {
        const logFile = fs.createWriteStream(process.env.FAULT_SERVER_LOG);
        server.process.stdout!.on("data", (chunk: string) => logFile.write(chunk));
      }
      try {
        // Warm-up, not measured: each target once, so first-request work is not counted as the fault's.
        for (let round = 0; round < 2; round += 1) {
          for (const target of targets) {
            const headers = { ...target.headers, ...(target.cookie ? { cookie: target.cookie } : {}) };
            await (await fetch(`http://127.0.0.1:${serverPort}${target.url}`, { headers, redirect: "manual" })).arrayBuffer();
          }
        }
        let stop = false;
        const running = load(targets, () => stop);
        const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
        await wait(5000);
        const stopIssued = Date.now();
        await cluster.stop();
        const down = Date.now();
        console.log(`PostgreSQL stopped (pg_ctl stop -m fast took ${down - stopIssued} ms); down for ${outageMs / 1000} s`);
        await wait(outageMs);
        const startIssued = Date.now();
        await cluster.start();
        const up = Date.now();
        console.log(`PostgreSQL started (pg_ctl start -w took ${up - startIssued} ms)`);
        // Recovery: the first 200 of a page that reads the database, answered after PostgreSQL accepts connections again.
        let recoveredAt: number | null = null;
        const probeUntil = up + 15_000;
        while (recoveredAt === null && Date.now() < probeUntil) {
          const response = await fetch(`http://127.0.0.1:${serverPort}/en/admin/organization`, { headers: { cookie: adminCookie }, redirect: "manual" }).catch(() => null);
          if (response?.status === 200) recoveredAt = Date.now();
          await response?.arrayBuffer();
          if (recoveredAt === null) await wait(100);
        }
        await wait(5000);
        stop = true;
        const samples = await running;

        const phases = {
          "before the outage": samples.filter((sample) => sample.started < stopIssued),
          "while stopping": samples.filter((sample) => sample.started >= stopIssued && sample.started < down),
          "during the outage": samples.filter((sample) => sample.started >= down && sample.started < startIssued),
          "while starting": samples.filter((sample) => sample.started >= startIssued && sample.started < up),
          "after the restart": samples.filter((sample) => sample.started >= up),
        };
        console.log(`\n# ${samples.length} requests by ${clients} clients; statuses per phase`);
        for (const [phase, list] of Object.entries(phases)) {
          const ms = list.map((sample) => sample.ms);
          console.log(`${phase}: ${list.length} requests, statuses ${JSON.stringify(statusesOf(list))}, p50 ${Math.round(percentile(ms, 50))} ms, max ${Math.round(Math.max(0, ...ms))} ms`);
        }
        console.log("\n# during the outage (started after the stop, before the start), per target");
        for (const target of targets) {
          const list = phases["during the outage"].filter((sample) => sample.label === target.label);
          console.log(`${target.label}: statuses ${JSON.stringify(statusesOf(list))}, max ${Math.round(Math.max(0, ...list.map((sample) => sample.ms)))} ms`);
        }

        const outage = phases["during the outage"];
        // Only a request answered before `pg_ctl start` was issued met nothing but a stopped database.
        // One still in flight then may reach the database once it is back (postgres.js holds a query
        // until its next connection attempt, up to 0.5 s after the last failed one: db/index.ts's
        // backoff), so its 200 is right, as is a 503. Judging those by their start alone counted
        // such 200s as answers from a stopped database.
        const wholeOutage = outage.filter((sample) => sample.ended < startIssued);
        const acrossRestart = outage.filter((sample) => sample.ended >= startIssued);
        const okAfterUp = acrossRestart.filter((sample) => sample.status === 200 && sample.ended >= up).length;
        const maxMs = (list: Sample[]) => Math.round(Math.max(0, ...list.map((sample) => sample.ms)));
        console.log(`\n${wholeOutage.length} answered before PostgreSQL was started again (max ${maxMs(wholeOutage)} ms); ${acrossRestart.length} still in flight then (max ${maxMs(acrossRestart)} ms): statuses ${JSON.stringify(statusesOf(acrossRestart))}, 200 and 503 both right (${okAfterUp} of the 200s answered after pg_ctl start returned)`);
        // What to look for in the server's log (FAULT_SERVER_LOG): when each failure happened, and its request ID.
        const sinceStop = (time: number) => `${time - stopIssued} ms after pg_ctl stop was issued (PostgreSQL down at ${down - stopIssued} ms, started again at ${startIssued - stopIssued} ms)`;
        for (const sample of samples.filter((sample) => sample.status === 0)) {
          console.log(`no answer: ${sample.label}, started ${sinceStop(sample.started)}, failed after ${Math.round(sample.ms)} ms: ${sample.error}`);
        }
        for (const sample of samples.filter((sample) => sample.status >= 500 && sample.status !== 503)) {
          console.log(`${sample.status}: ${sample.label}, started ${sinceStop(sample.started)}, request ${sample.requestId}`);
        }
        const maxOutageMs = Math.round(Math.max(0, ...outage.map((sample) => sample.ms)));
        const recoveryMs = recoveredAt === null ? null : recoveredAt - up;
        console.log(`\nmax latency during the outage: ${maxOutageMs} ms (goal ≤ ${goals.outageLatencyMs} ms)`);
        console.log(`time to first 200 after the restart: ${recoveryMs === null ? "none within 15 s" : `${recoveryMs} ms`} (goal ≤ ${goals.recoveryMs} ms)`);

        const serverErrors = samples.filter((sample) => sample.status >= 500 && sample.status !== 503);
        const unanswered = samples.filter((sample) => sample.status === 0);
        if (serverErrors.length > 0) problems.push(`${serverErrors.length} answers with a 5xx other than 503: ${JSON.stringify(statusesOf(serverErrors))} (${[...new Set(serverErrors.map((sample) => sample.label))].join(", ")})`);
        if (unanswered.length > 0) problems.push(`${unanswered.length} requests without an answer`);
        if (maxOutageMs > goals.outageLatencyMs) problems.push(`an answer took ${maxOutageMs} ms during the outage`);
        if (recoveryMs === null || recoveryMs > goals.recoveryMs) problems.push(`recovery took ${recoveryMs ?? "more than 15000"} ms`);
        const databasePages = wholeOutage.filter((sample) => sample.needsDatabase);
        if (databasePages.some((sample) => sample.status !== 503)) problems.push(`during the outage a database-backed target answered ${JSON.stringify(statusesOf(databasePages))}, not only 503`);
        // The 503 pages are the localized plain ones: no stack trace, the right language.
        const titles = [en.Unavailable.title, fr.Unavailable.title];
        const pages503 = outage.filter((sample) => sample.status === 503 && sample.label.includes("page"));
        if (pages503.some((sample) => !titles.some((title) => sample.body.includes(title)) || /\bat .+\(.+:\d+:\d+\)/.test(sample.body))) problems.push("a 503 page is not the localized unavailable page");
      } finally {
        await server.stop();
      }
    } finally {
      await database.close().catch(() => undefined);
    }
  } finally {
    await cluster.stop().catch(() => undefined);
    cluster.remove();
  }
  console.log(problems.length === 0 ? "\nOK: every goal met" : `\nFAILED:\n- ${problems.join("\n- ")}`);
  process.exit(problems.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
