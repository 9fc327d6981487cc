// npm run bench:api — the Admin API under load and at scale, on a throw-away PostgreSQL database:
// 1. the rate limit across two server instances sharing the database (the 601st request → 429);
// 2. GET /api/v1/organization throughput and latency at 10 and 50 clients beside /api/health;
// 3. the audit export of 1,000,000 events: time and the server's peak memory vs COPY … TO STDOUT.
// Ports: BENCH_PORT (3201) and the next one for the second instance.
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { apiKeys, organizations, users } from "@/db/schema";
import { scopes } from "@/lib/core/api-scopes";
import { hashToken, newToken } from "@/lib/core/tokens";
import { createScratchDatabase } from "@/tests/support/db";
import { baseUrl, load, seconds, serverUrl, startServer, summarize, type Target } from "./support";

// The server runs with NODE_ENV=production, which requires the audit chain's key.
process.env.AUDIT_CHAIN_KEY ??= "bench-audit-chain-key-not-for-production-000";

const levelSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const auditEventCount = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const port = Number(new URL(baseUrl).port);

async function measure(target: Target, concurrency: number) {
  const started = Date.now();
  const samples = await load([target], concurrency, () => Date.now() - started > levelSeconds * 1000);
  return summarize(samples, (Date.now() - started) / 1000);
}

/** Waits for a fresh minute when the current one is nearly over: the rate window is the calendar minute. */
async function startOfAMinute() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 200));
}

async function main() {
  const database = await createScratchDatabase(serverUrl, process.env.BENCH_DB_PREFIX ?? "adminapi_bench", { keep: process.env.BENCH_KEEP_DATABASE === "true" });
  try {
    const [organization] = await database.db.insert(organizations).values({ name: "Bench API", plan: "enterprise" }).returning();
    await database.db.insert(users).values({ organizationId: organization!.id, email: "bench-admin@example.test", name: "Bench Admin", passwordHash: "x", role: "admin", billing: true });
    const secret = `oc_${newToken()}`;
    await database.db.insert(apiKeys).values({ organizationId: organization!.id, name: "Bench key", prefix: secret.slice(0, 11), secretHash: hashToken(secret), scopes: [...scopes] });
    const authorization = { authorization: `Bearer ${secret}` };

    // 1. Two instances, one database, one limit.
    console.log("# Rate limit: two server instances sharing one PostgreSQL, default limit (600 per key per minute)");
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
    const first = await startServer(database.url, { port });
    const second = await startServer(database.url, { port: port + 1 });
    await startOfAMinute();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let index = 0; index < 601; index += 1) {
      const instance = index % 2 === 0 ? port : port + 1;
      const response = await fetch(`http://127.0.0.1:${instance}/api/v1/organization`, { headers: authorization });
      await response.arrayBuffer();
      statuses.push(response.status);
      if (index === 600) retryAfter = response.headers.get("retry-after");
    }
    const ok = statuses.filter((status) => status === 200).length;
    console.log(`requests 1–600 (alternating instances): ${ok} answered 200; request 601: ${statuses[600]} with Retry-After ${retryAfter} s`);
    await second.stop();
    await first.stop();

    // 2. Throughput with a limit out of the way.
    process.env.API_RATE_LIMIT_PER_MINUTE = "1000000000";
    const server = await startServer(database.url, { port });
    const api: Target = { label: "GET /api/v1/organization", url: "/api/v1/organization", headers: authorization };
    const health: Target = { label: "/api/health", url: "/api/health" };
    await measure(api, 2); // warm-up
    console.log(`# Throughput, ${levelSeconds} s per level`);
    for (const concurrency of [10, 50]) {
      for (const target of [api, health]) console.log(`${target.label}, ${concurrency} clients: ${JSON.stringify(await measure(target, concurrency))}`);
    }

    // 3. The export of a million events.
    console.log(`# Audit export of ${auditEventCount.toLocaleString("en")} events`);
    const seedStarted = performance.now();
    const admin = postgres(database.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(
      `insert into audit_events (organization_id, actor_kind, actor_id, actor_name, actor_email, action, target, data, client_address, created_at, sequence)
       select $1, 'person', null, 'Person ' || (g % 50), 'person' || (g % 50) || '@example.test', 'organization.renamed', 'target ' || g,
              jsonb_build_object('from', 'Name ' || g, 'to', '=Name ' || (g + 1)), '192.0.2.' || (g % 250), now() - make_interval(secs => g), g
       from generate_series(1, ${auditEventCount}) as g`,
      [organization!.id],
    );
    await admin.unsafe("vacuum analyze audit_events");
    console.log(`seeded in ${seconds(performance.now() - seedStarted)}`);

    const copyStarted = performance.now();
    let copyBytes = 0;
    const copy = await admin
      .unsafe(`copy (select id, created_at, action, actor_kind, actor_id, actor_name, actor_email, target, client_address, data from audit_events where organization_id = '${organization!.id}' order by id desc) to stdout with (format csv)`)
      .readable();
    await pipeline(copy, new Writable({ write(chunk: Buffer, _encoding, done) { copyBytes += chunk.length; done(); } }));
    const copyMs = performance.now() - copyStarted;
    console.log(`COPY … TO STDOUT (csv): ${seconds(copyMs)}, ${(copyBytes / 1e6).toFixed(1)} MB`);
    await admin.end();

    for (const format of ["csv", "ndjson"] as const) {
      const before = server.rssMb();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, server.rssMb())), 100);
      const started = performance.now();
      const response = await fetch(`${baseUrl}/api/v1/audit-events/export?format=${format}`, { headers: authorization });
      let bytes = 0;
      let lines = 0;
      const reader = response.body!.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        bytes += next.value.byteLength;
        for (let at = next.value.indexOf(10); at !== -1; at = next.value.indexOf(10, at + 1)) lines += 1;
      }
      const ms = performance.now() - started;
      clearInterval(sampler);
      console.log(
        `export ${format}: ${response.status}, ${lines.toLocaleString("en")} lines, ${(bytes / 1e6).toFixed(1)} MB in ${seconds(ms)} (${(ms / copyMs).toFixed(2)}× COPY); server RSS ${before} MB before, peak ${peak} MB during`,
      );
    }
    console.log(`server memory peak over the whole run: ${server.peakRssMb()} MB`);
    await server.stop();
  } finally {
    await database.close();
  }
}

void main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
