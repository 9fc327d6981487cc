// One run of a purge or deletion benchmark: seed two large organizations, time the bare SQL
// DELETE of organization A's rows (rolled back), then the real job through the running server
// while clients keep using it, and print the figures.
import { eq, sql } from "drizzle-orm";
import { jobs } from "@/db/schema";
import { queryRows } from "@/lib/core/db";
import { requestChatPurge, requestOrganizationDeletion } from "@/lib/organizations/organizations";
import { loadUserViewer } from "@/lib/auth/session-user";
import { defaultWorkerOptions } from "@/lib/jobs/worker";
import {
  benchPassword, createBenchDatabase, percentile, startSeparateWorker, load, seconds, seedOrganization, sessionCookie, sizes, startServer, summarize, timeRolledBack, vacuumAnalyze,
  type Sample, type Target,
} from "./support";

const bareDeletes = {
  purge_chats: (id: string) => ({
    "messages, then chats": [
      `delete from messages where chat_id in (select id from chats where organization_id = '${id}')`,
      `delete from chats where organization_id = '${id}'`,
    ],
    "chats (cascading to messages)": [`delete from chats where organization_id = '${id}'`],
  }),
  delete_organization: (id: string) => ({
    "messages, chats, then organization": [
      `delete from messages where chat_id in (select id from chats where organization_id = '${id}')`,
      `delete from chats where organization_id = '${id}'`,
      `delete from organizations where id = '${id}'`,
    ],
    "organization (cascading to everything)": [`delete from organizations where id = '${id}'`],
  }),
};

export async function runDestructiveBench(kind: "purge_chats" | "delete_organization") {
  const database = await createBenchDatabase();
  try {
    console.log(`# ${kind === "purge_chats" ? "Purge all chats" : "Delete the organization"}: ${sizes.chats.toLocaleString("en")} chats and ${(sizes.chats * sizes.messagesPerChat).toLocaleString("en")} messages per organization, 2 organizations, database ${database.name}`);
    let started = performance.now();
    const a = await seedOrganization(database, "Bench A");
    const b = await seedOrganization(database, "Bench B");
    await vacuumAnalyze(database);
    console.log(`seeded in ${seconds(performance.now() - started)}`);
    await database.db.execute(sql`select count(*) from messages`);

    const separate = process.env.BENCH_WORKER === "separate";
    const server = await startServer(database.url, { workerInServer: !separate });
    const worker = separate ? startSeparateWorker(database.url) : null;
    console.log(`worker: ${separate ? "its own process (npm run worker)" : "inside the server (instrumentation.ts)"}`);
    const idleRss = server.rssMb();
    const cookieA = await sessionCookie(database.db, a.adminId, a.id);
    const cookieB = await sessionCookie(database.db, b.adminId, b.id);
    const targets: Target[] = [
      { label: "Organization page of B (untouched)", url: "/en/admin/organization", cookie: cookieB },
      { label: "/api/health", url: "/api/health" },
      ...(kind === "purge_chats" ? [{ label: "Organization page of A (being purged)", url: "/en/admin/organization", cookie: cookieA }] : []),
    ];
    let running = true;
    const loadDone = load(targets, Number(process.env.BENCH_CLIENTS ?? 4), () => !running);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    // The bare DELETE runs under the same client load as the job, so the two compare fairly.
    // Three runs each (the median counts), the database vacuumed before each, as before the job.
    const baselines: Record<string, number> = {};
    for (const [label, statements] of Object.entries(bareDeletes[kind](a.id))) {
      const runs: number[] = [];
      for (let run = 0; run < 3; run += 1) {
        await vacuumAnalyze(database);
        runs.push(await timeRolledBack(database, statements));
      }
      baselines[label] = percentile(runs, 50);
      console.log(`bare SQL DELETE (${label}), rolled back, same client load: median ${seconds(baselines[label]!)} of ${runs.map(seconds).join(", ")}`);
    }
    await vacuumAnalyze(database);
    const fastest = Math.min(...Object.values(baselines));

    const lookup = await loadUserViewer(database.db, a.adminId);
    if (lookup.status !== "ok") throw new Error("bench admin not found");
    started = performance.now();
    const requestStarted = Date.now();
    const request =
      kind === "purge_chats"
        ? await requestChatPurge(database.db, lookup.viewer, { confirmation: a.name })
        : await requestOrganizationDeletion(database.db, lookup.viewer, { confirmation: a.name, password: benchPassword });
    if (!request.ok || !request.job) throw new Error(`request refused: ${request.ok ? "scheduled (unset ORGANIZATION_DELETION_GRACE_DAYS)" : request.error}`);
    const requestMs = performance.now() - started;
    let job: typeof jobs.$inferSelect = request.job;
    while (job.state === "queued" || job.state === "running") {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [latest] = await database.db.select().from(jobs).where(eq(jobs.id, job.id));
      job = latest!;
    }
    const doneAt = Date.now();
    running = false;
    const samples: Sample[] = await loadDone;
    const jobMs = job.finishedAt!.getTime() - job.createdAt.getTime();
    const during = samples.filter((sample) => sample.at >= requestStarted);
    const window = (doneAt - requestStarted) / 1000;

    console.log(`request (validate, count, queue the job): ${Math.round(requestMs)} ms`);
    console.log(`job ${job.state} in ${seconds(jobMs)} (queued to finished; batches start at ${defaultWorkerOptions.batchSize} chats and adapt toward ${defaultWorkerOptions.batchTargetMs} ms each, up to ${defaultWorkerOptions.maxBatchSize})`);
    console.log(`ratio to the fastest bare DELETE (median): ${(jobMs / fastest).toFixed(2)}x (target <= 1.5x)`);
    console.log(`removed: ${job.progress.chats} chats, ${job.progress.messages} messages${job.progress.users !== undefined ? `, ${job.progress.users} users` : ""}`);
    for (const target of targets) {
      console.log(`HTTP ${target.label} during the job: ${JSON.stringify(summarize(during.filter((sample) => sample.label === target.label), window))}`);
    }
    console.log(`longest HTTP request during the job: ${Math.round(Math.max(...during.map((sample) => sample.ms)))} ms (target < 2000 ms); ${during.length} requests, ${during.filter((s) => s.status !== 200).length} not 200`);
    console.log(`server memory (RSS of next start and its children): ${idleRss} MB before, peak ${server.peakRssMb()} MB`);
    const [left] = await queryRows<{ a: number; b: number; bMessages: number }>(
      database.db,
      sql`select (select count(*)::int from chats where organization_id = ${a.id}) as a,
        (select count(*)::int from chats where organization_id = ${b.id}) as b,
        (select count(*)::int from messages m join chats c on c.id = m.chat_id where c.organization_id = ${b.id}) as "bMessages"`,
    );
    console.log(`check: organization A has ${left!.a} chats left; organization B still has ${left!.b} chats and ${left!.bMessages} messages`);
    if (worker) console.log(`worker process memory: peak ${worker.peakRssMb()} MB`);
    await worker?.stop();
    await server.stop();
  } finally {
    await database.close();
  }
}
