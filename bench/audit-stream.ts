// npm run bench:audit-stream — 10,000 audit events streamed to a loopback receiver through the jobs
// table (recordAudit → audit_stream job → signed POST), on a throw-away PostgreSQL database. Prints the
// delivery rate and the delay from each event's creation to its arrival (p50, p99).
import http from "node:http";
import { Webhook } from "standardwebhooks";
import { sql } from "drizzle-orm";
import { queryRows } from "@/lib/core/db";
import { createScratchDatabase } from "@/tests/support/db";
import { serverUrl } from "./support";

process.env.WEBHOOK_ALLOW_LOOPBACK = "true";
process.env.AUDIT_CHAIN_KEY ??= "bench-audit-chain-key-not-for-production-000";
process.env.ENCRYPTION_KEY ??= Buffer.from("bench-encryption-key-not-for-pro").toString("base64");

const events = Number(process.env.BENCH_AUDIT_EVENTS ?? 10_000);
const writers = Number(process.env.BENCH_AUDIT_WRITERS ?? 4);
const receiverPort = Number(process.env.BENCH_RECEIVER_PORT ?? 3142);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main() {
  const { recordAudit } = await import("@/lib/audit/record");
  const { addEndpoint } = await import("@/lib/audit/streams");
  const { startWorker, defaultWorkerOptions } = await import("@/lib/jobs/worker");
  const { loadSessionUser } = await import("@/lib/auth/session-user");
  const { startSession } = await import("@/lib/sessions/sessions");
  const database = await createScratchDatabase(serverUrl, "auditchain_bench", { keep: process.env.BENCH_KEEP_DATABASE === "true" });
  const { db } = database;

  let secret = "";
  const arrivals = new Map<string, number>();
  let duplicates = 0;
  let badSignatures = 0;
  let resolveAll: () => void = () => {};
  const allArrived = new Promise<void>((resolve) => (resolveAll = resolve));
  const receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const at = Date.now();
      const body = Buffer.concat(chunks).toString("utf8");
      try {
        new Webhook(secret).verify(body, request.headers as Record<string, string>);
      } catch {
        badSignatures += 1;
      }
      const id = String(request.headers["webhook-id"]);
      if (arrivals.has(id)) duplicates += 1;
      else arrivals.set(id, at - Date.parse((JSON.parse(body) as { data: { createdAt: string } }).data.createdAt));
      response.writeHead(204).end();
      if (arrivals.size >= events + 1) resolveAll();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(receiverPort, "127.0.0.1", resolve));

  try {
    const [organization] = await queryRows<{ id: string }>(db, sql`insert into organizations (name, plan) values ('Stream Bench', 'enterprise') returning id`);
    const [admin] = await queryRows<{ id: string }>(
      db,
      sql`insert into users (organization_id, email, name, password_hash, role, billing) values (${organization!.id}, 'bench-admin@example.test', 'Bench Admin', 'x', 'admin', true) returning id`,
    );
    const { sessionId } = await startSession(db, { user: { id: admin!.id, organizationId: organization!.id }, method: "password", clientAddress: "192.0.2.1" });
    const lookup = await loadSessionUser(db, sessionId);
    if (lookup.status !== "ok") throw new Error("no viewer");
    const added = await addEndpoint(db, lookup.viewer, { url: `http://127.0.0.1:${receiverPort}/audit` });
    if (!added.ok) throw new Error(`could not add the endpoint: ${added.error}`);
    secret = added.secret;

    const worker = startWorker(db, { ...defaultWorkerOptions, pollMs: 20 });
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < events) {
          const index = next++;
          await recordAudit(db, { organizationId: organization!.id, actorId: admin!.id, action: "profile.updated", data: { index }, context: { clientAddress: "192.0.2.1", userAgent: "Bench" } });
        }
      }),
    );
    const written = performance.now() - started;
    await Promise.race([allArrived, new Promise((_, reject) => setTimeout(() => reject(new Error("not every event arrived in 10 minutes")), 600_000))]);
    const elapsed = performance.now() - started;
    await worker.stop();

    const delays = [...arrivals.values()].sort((a, b) => a - b);
    console.log(`audit stream: ${events} events (${writers} writers) to a loopback receiver over PostgreSQL`);
    console.log(`  written in ${Math.round(written)} ms (${Math.round((events / written) * 1000)} events/s recorded, chained and queued)`);
    console.log(`  delivered in ${Math.round(elapsed)} ms: ${Math.round(((events + 1) / elapsed) * 1000)} events/s end to end`);
    console.log(`  delay from event to delivery: p50 ${percentile(delays, 50)} ms, p99 ${percentile(delays, 99)} ms, max ${delays.at(-1)} ms`);
    console.log(`  duplicates ${duplicates}, bad signatures ${badSignatures}`);
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
