// Shared pieces of the benchmarks: a throw-away PostgreSQL database, set-based seeding, the
// production server with its memory watched, signed-in HTTP clients and latency figures.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import type { Database, Db } from "@/db";
import type { Plan } from "@/db/schema";
import { createScratchDatabase, type ScratchDatabase } from "@/tests/support/db";
import { queryRows } from "@/lib/core/db";
import { hashPassword } from "@/lib/core/passwords";
import { startSession } from "@/lib/sessions/sessions";

export const serverUrl = process.env.BENCH_POSTGRES_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const sizes = {
  chats: Number(process.env.BENCH_CHATS ?? 100_000),
  messagesPerChat: Number(process.env.BENCH_MESSAGES_PER_CHAT ?? 10),
};
export const benchPassword = "bench-password-123";
const authSecret = "bench-secret-not-for-production-000000000000";
const defaultPort = Number(process.env.BENCH_PORT ?? 3201);
export const baseUrl = `http://127.0.0.1:${defaultPort}`;

export type BenchDatabase = ScratchDatabase;

/**
 * A new database on the local server, migrated; `close()` drops it (`BENCH_KEEP_DATABASE=true` keeps it).
 * `BENCH_DB_PREFIX` names it, so parallel checkouts on one server tell their databases apart.
 */
export function createBenchDatabase(options: { template?: string; keep?: boolean } = {}): Promise<BenchDatabase> {
  return createScratchDatabase(serverUrl, process.env.BENCH_DB_PREFIX ?? "org_console_bench", { keep: options.keep || process.env.BENCH_KEEP_DATABASE === "true", template: options.template });
}

export type SeededOrganization = { id: string; name: string; adminId: string; chats: number; messages: number };

/** One organization with 10 people, `sizes.chats` chats and `messagesPerChat` messages each, all in SQL. */
export async function seedOrganization(database: Database, name: string): Promise<SeededOrganization> {
  const { db } = database;
  const passwordHash = await hashPassword(benchPassword);
  const slug = randomBytes(3).toString("hex");
  const [organization] = await queryRows<{ id: string }>(db, sql`insert into organizations (name, plan) values (${name}, 'team') returning id`);
  const id = organization!.id;
  await db.execute(sql`insert into users (organization_id, email, name, password_hash, role, billing)
    select ${id}, 'bench-' || ${slug} || '-' || g || '@example.test', 'Person ' || g, ${passwordHash},
      (case when g = 1 then 'admin' else 'member' end)::role, g = 1
    from generate_series(1, 10) g`);
  const [admin] = await queryRows<{ id: string }>(db, sql`select id from users where organization_id = ${id} and role = 'admin'`);
  await db.execute(sql`insert into chats (organization_id, user_id, title)
    select ${id}, u.id, 'Chat ' || g
    from generate_series(1, ${sizes.chats}) g
    join (select id, (row_number() over (order by id)) - 1 as n from users where organization_id = ${id}) u on u.n = g % 10`);
  await db.execute(sql`insert into messages (chat_id, author, body)
    select c.id, case when m % 2 = 0 then 'assistant' else 'user' end,
      'Message ' || m || ' of a benchmark chat, about as long as a short real question or answer.'
    from chats c cross join generate_series(1, ${sizes.messagesPerChat}) m
    where c.organization_id = ${id}`);
  return { id, name, adminId: admin!.id, chats: sizes.chats, messages: sizes.chats * sizes.messagesPerChat };
}

/** Moves an organization to another plan (as a plan change would, without its billing). */
export async function setPlan(db: Db, organizationId: string, plan: Plan): Promise<void> {
  await db.execute(sql`update organizations set plan = ${plan} where id = ${organizationId}`);
}

/**
 * The organization `name` of a database copied from `BENCH_TEMPLATE` (seeded by an earlier
 * `BENCH_SEED_ONLY=true` run), found instead of seeded again.
 */
export async function findSeededOrganization(database: Database, name: string): Promise<SeededOrganization> {
  const [row] = await queryRows<{ id: string; adminId: string; chats: number; messages: number }>(
    database.db,
    sql`select o.id, (select id from users where organization_id = o.id and role = 'admin' order by email limit 1) as "adminId",
      (select count(*)::int from chats where organization_id = o.id) as chats,
      (select count(*)::int from messages m join chats c on c.id = m.chat_id where c.organization_id = o.id) as messages
      from organizations o where o.name = ${name} and o.status = 'active'`,
  );
  if (!row) throw new Error(`the template has no active organization named ${name}`);
  return { id: row.id, name, adminId: row.adminId, chats: Number(row.chats), messages: Number(row.messages) };
}

export async function vacuumAnalyze(database: BenchDatabase): Promise<void> {
  const client = postgres(database.url, { max: 1, onnotice: () => {} });
  await client.unsafe("vacuum analyze");
  await client.unsafe("checkpoint");
  await client.end();
}

/** Times a statement list in one transaction that is rolled back, so the rows stay for the real run. */
export async function timeRolledBack(database: BenchDatabase, statements: string[]): Promise<number> {
  const client = postgres(database.url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  await client
    .begin(async (tx) => {
      for (const statement of statements) await tx.unsafe(statement);
      throw new Error("rollback");
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.message === "rollback")) throw error;
    });
  const elapsed = performance.now() - started;
  await client.end();
  return elapsed;
}

export type Server = {
  process: ChildProcess;
  stop: () => Promise<void>;
  peakRssMb: () => number;
  rssMb: () => number;
  /**
   * Resolves with the seconds it took once the worker has finished the daily maintenance round it
   * runs at start (it checks every audit chain, schedules retention… over the seeded rows: seconds
   * of CPU on a 2-core machine), or after `timeoutMs` (null then). Load measured before that
   * measures the round as much as the pages.
   */
  maintenanceDone: (timeoutMs?: number) => Promise<number | null>;
};

function treeRssKb(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {}
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {}
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** The worker on its own (`npm run worker`), as when the web tier is scaled out. */
export function startSeparateWorker(databaseUrl: string): { process: ChildProcess; peakRssMb: () => number; stop: () => Promise<void> } {
  // react-server: the lib/ files that start with `import "server-only"` load outside Next too.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/jobs/worker-cli.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, JOB_POLL_MS: "100" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssKb(child.pid!))), 100);
  return {
    process: child,
    peakRssMb: () => Math.round(peak / 1024),
    stop: async () => {
      clearInterval(sampler);
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/** `npm start`'s server (server.mjs) on the bench database (its default worker unless told), its memory sampled every 100 ms. */
export async function startServer(databaseUrl: string, options: { workerInServer?: boolean; port?: number } = {}): Promise<Server> {
  const port = options.port ?? defaultPort;
  const baseUrl = `http://127.0.0.1:${port}`;
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!fs.existsSync(`${distDir}/BUILD_ID`)) throw new Error(`no production build in ${distDir}: run NEXT_DIST_DIR=${distDir} npx next build`);
  // Never measure a server left over from another run (it would be on another database).
  const stale = await fetch(`${baseUrl}/api/health`).then(() => true, () => false);
  if (stale) throw new Error(`port ${port} is already in use: stop that server or set BENCH_PORT`);
  const child = spawn(process.execPath, ["server.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: authSecret,
      ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? Buffer.alloc(32, 9).toString("base64"),
      // Production refuses to start without it (lib/core/secrets.ts).
      AUDIT_CHAIN_KEY: process.env.AUDIT_CHAIN_KEY ?? "bench-audit-chain-key-not-for-production-000",
      APP_URL: baseUrl,
      JOB_POLL_MS: "100",
      NODE_ENV: "production",
      // Unset: server.mjs's default (on PostgreSQL, the worker in a child process).
      ...(options.workerInServer === undefined ? {} : { WORKER_IN_SERVER: String(options.workerInServer) }),
    },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  const spawned = performance.now();
  let roundDone: number | null = null;
  const roundWaiters: (() => void)[] = [];
  // The worker's own account of each job (a JSON log line of component "worker") is worth seeing.
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    // JOB_TRACE=true: the worker's per-batch lines ("[worker] …") too.
    for (const line of chunk.split("\n")) {
      if (line.includes('"component":"worker"') || line.startsWith("[worker] ")) console.log(`server: ${line}`);
      if (roundDone === null && line.includes('"component":"maintenance"') && line.includes('"round done"')) {
        roundDone = (performance.now() - spawned) / 1000;
        for (const wake of roundWaiters.splice(0)) wake();
      }
    }
  });
  let peak = 0;
  let current = 0;
  const sampler = setInterval(() => {
    current = treeRssKb(child.pid!);
    peak = Math.max(peak, current);
  }, 100);
  const deadline = Date.now() + 60_000;
  while (true) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline || child.exitCode !== null) {
      clearInterval(sampler);
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {}
      throw new Error("the server did not start");
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    process: child,
    peakRssMb: () => Math.round(peak / 1024),
    rssMb: () => Math.round(current / 1024),
    maintenanceDone: async (timeoutMs = 180_000) => {
      if (roundDone === null) await Promise.race([new Promise<void>((resolve) => roundWaiters.push(resolve)), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
      return roundDone === null ? null : Math.round(roundDone * 10) / 10;
    },
    stop: async () => {
      clearInterval(sampler);
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/** Waits for the server's start-up maintenance round before any load is measured, and says how long it took. */
export async function afterMaintenance(server: Server): Promise<void> {
  const round = await server.maintenanceDone();
  console.log(round === null ? "the daily maintenance round had not ended after 3 minutes: measuring anyway" : `daily maintenance round (run at start) done ${round} s after the server started: measuring from now`);
}

/** The cookie a signed-in browser of this person would send. */
export async function sessionCookie(db: Db, userId: string, organizationId: string): Promise<string> {
  const salt = "authjs.session-token";
  const { sessionId } = await startSession(db, { user: { id: userId, organizationId }, userAgent: "bench", method: "password" });
  const token = await encode({ token: { sid: sessionId }, secret: authSecret, salt, maxAge: 3600 });
  return `${salt}=${token}`;
}

export type Target = { label: string; url: string; cookie?: string; headers?: Record<string, string> };
export type Sample = { label: string; ms: number; status: number; at: number };

/** `concurrency` clients fetching the URLs in turn until `until()` says stop. */
export async function load(targets: Target[], concurrency: number, until: () => boolean): Promise<Sample[]> {
  const samples: Sample[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      for (let index = client; !until(); index += 1) {
        const target = targets[index % targets.length]!;
        const started = performance.now();
        let status = 0;
        try {
          const response = await fetch(`${baseUrl}${target.url}`, { headers: { ...target.headers, ...(target.cookie ? { cookie: target.cookie } : {}) }, redirect: "manual" });
          await response.arrayBuffer();
          status = response.status;
        } catch {}
        samples.push({ label: target.label, ms: performance.now() - started, status, at: Date.now() });
      }
    }),
  );
  return samples;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarize(samples: Sample[], seconds: number) {
  const ms = samples.map((sample) => sample.ms);
  return {
    requests: samples.length,
    perSecond: Math.round((samples.length / seconds) * 10) / 10,
    p50: Math.round(percentile(ms, 50)),
    p95: Math.round(percentile(ms, 95)),
    p99: Math.round(percentile(ms, 99)),
    max: Math.round(Math.max(0, ...ms)),
    errors: samples.filter((sample) => sample.status !== 200).length,
  };
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
