// A purge or deletion benchmark: seed two large organizations; then, in each round on a fresh copy,
// measure organization B's page with nothing else running (idle), time the bare SQL DELETE of
// organization A's rows (rolled back), then the real job through the running server while clients
// keep using it; print the figures and PASS/FAIL per goal of issue 17 over all rounds (the exit
// code is 1 when one fails).
import { eq, sql } from "drizzle-orm";
import { jobs } from "@/db/schema";
import { queryRows } from "@/lib/core/db";
import { requestChatPurge, requestOrganizationDeletion } from "@/lib/organizations/organizations";
import { loadUserViewer } from "@/lib/auth/session-user";
import { defaultWorkerOptions } from "@/lib/jobs/worker";
import { dropScratchDatabase } from "@/tests/support/db";
import {
  benchPassword, createBenchDatabase, findSeededOrganization, percentile, startSeparateWorker, load, seconds, seedOrganization, serverUrl, sessionCookie, sizes, startServer, summarize, timeRolledBack, vacuumAnalyze,
  type Sample, type Server, type Target,
} from "./support";

// The server runs with NODE_ENV=production, which requires the audit chain's key.
process.env.AUDIT_CHAIN_KEY ??= "bench-audit-chain-key-not-for-production-000";

const bareDeletes = {
  purge_chats: (id: string) => ({
    "messages, then chats": [
      `delete from messages where chat_id in (select id from chats where organization_id = '${id}')`,
      `delete from chats where organization_id = '${id}'`,
    ],
    "chats (cascading to messages)": [`delete from chats where organization_id = '${id}'`],
  }),
  // The audit log's trigger lets its rows go only in a transaction that says so (as the job's does).
  delete_organization: (id: string) => ({
    "messages, chats, then organization": [
      `select set_config('org_console.audit_delete', 'allowed', true)`,
      `delete from messages where chat_id in (select id from chats where organization_id = '${id}')`,
      `delete from chats where organization_id = '${id}'`,
      `delete from organizations where id = '${id}'`,
    ],
    "organization (cascading to everything)": [`select set_config('org_console.audit_delete', 'allowed', true)`, `delete from organizations where id = '${id}'`],
  }),
};

/** The organization whose page must stay fast while A's rows go. */
const otherLabel = "Organization page of B (untouched)";

/** The goals of issue 17, as multiples. */
const goals = { ratioToBareDelete: 1.2, longestRequestMs: 2000, otherOrganizationP99Ratio: 2 };

type RoundResult = {
  jobMs: number;
  /** Each bare DELETE's times in this round, by label. */
  bare: Record<string, number[]>;
  longestMs: number;
  /** Organization B's page: each response time before the DELETEs (idle) and during the job. */
  idleMs: number[];
  duringMs: number[];
  untouched: { a: number; b: number; bMessages: number; expectedB: number; expectedBMessages: number };
};

const median = (values: number[]) => percentile(values, 50);

/**
 * Returns the exit code: 0 when every goal holds. The job is timed in BENCH_ROUNDS rounds (3 by
 * default), each on a fresh copy of the same seeded database, and its median is compared with the
 * median of the bare DELETEs: one job against a median of three let one noisy run decide the verdict.
 */
export async function runDestructiveBench(kind: "purge_chats" | "delete_organization"): Promise<number> {
  // BENCH_SEED_ONLY=true seeds a database and keeps it; BENCH_TEMPLATE=<its name> then copies it
  // instead of seeding again (a file copy, seconds instead of a minute or two).
  const rounds = Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? 3)) || 1);
  console.log(`# ${kind === "purge_chats" ? "Purge all chats" : "Delete the organization"}: ${sizes.chats.toLocaleString("en")} chats and ${(sizes.chats * sizes.messagesPerChat).toLocaleString("en")} messages per organization, 2 organizations, ${rounds} round${rounds === 1 ? "" : "s"}`);
  if (process.env.BENCH_SEED_ONLY === "true") {
    console.log(`seeded only: run again with BENCH_TEMPLATE=${await seedTemplate()} (drop it when done)`);
    return 0;
  }
  // Several rounds need the same data each time: seed it once, copy it per round, drop it after.
  const ownTemplate = !process.env.BENCH_TEMPLATE && rounds > 1 ? await seedTemplate() : null;
  const template = process.env.BENCH_TEMPLATE ?? ownTemplate ?? undefined;
  try {
    const results: RoundResult[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      if (rounds > 1) console.log(`\n## Round ${round} of ${rounds}`);
      results.push(await runRound(kind, template, rounds > 1 ? 1 : 3));
    }
    return printVerdicts(results);
  } finally {
    if (ownTemplate) {
      await dropScratchDatabase(serverUrl, ownTemplate);
      console.log(`dropped ${ownTemplate}`);
    }
  }
}

/** Seeds organizations A and B into a kept database and returns its name. */
async function seedTemplate(): Promise<string> {
  const started = performance.now();
  const database = await createBenchDatabase({ keep: true });
  try {
    const a = await seedOrganization(database, "Bench A");
    const b = await seedOrganization(database, "Bench B");
    await vacuumAnalyze(database);
    console.log(`seeded ${database.name} in ${seconds(performance.now() - started)}: A has ${a.chats.toLocaleString("en")} chats and ${a.messages.toLocaleString("en")} messages, B ${b.chats.toLocaleString("en")} and ${b.messages.toLocaleString("en")}`);
    return database.name;
  } finally {
    await database.close();
  }
}

/** One round: a fresh database (copied from `template`, else seeded), the bare DELETEs, then the job. */
async function runRound(kind: "purge_chats" | "delete_organization", template: string | undefined, bareRuns: number): Promise<RoundResult> {
  const database = await createBenchDatabase({ template });
  let server: Server | null = null;
  let worker: ReturnType<typeof startSeparateWorker> | null = null;
  try {
    let started = performance.now();
    const a = template ? await findSeededOrganization(database, "Bench A") : await seedOrganization(database, "Bench A");
    const b = template ? await findSeededOrganization(database, "Bench B") : await seedOrganization(database, "Bench B");
    await vacuumAnalyze(database);
    console.log(`database ${database.name}, ${template ? `copied from ${template}` : "seeded"} in ${seconds(performance.now() - started)}`);
    await database.db.execute(sql`select count(*) from messages`);

    // BENCH_WORKER: unset, server.mjs's default (PostgreSQL: a child process); "server", inside the
    // server's process (instrumentation.ts); "separate", a separate `npm run worker` started here.
    const mode = process.env.BENCH_WORKER ?? "default";
    const separate = mode === "separate";
    server = await startServer(database.url, { workerInServer: separate ? false : mode === "server" ? true : undefined });
    worker = separate ? startSeparateWorker(database.url) : null;
    console.log(`worker: ${separate ? "its own process (npm run worker)" : mode === "server" ? "inside the server's process (instrumentation.ts)" : "server.mjs's default (a child process of the server on PostgreSQL)"}`);
    const idleRss = server.rssMb();
    const cookieA = await sessionCookie(database.db, a.adminId, a.id);
    const cookieB = await sessionCookie(database.db, b.adminId, b.id);
    const targets: Target[] = [
      { label: otherLabel, url: "/en/admin/organization", cookie: cookieB },
      { label: "/api/health", url: "/api/health" },
      ...(kind === "purge_chats" ? [{ label: "Organization page of A (being purged)", url: "/en/admin/organization", cookie: cookieA }] : []),
    ];
    let running = true;
    const loadDone = load(targets, Number(process.env.BENCH_CLIENTS ?? 4), () => !running);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Organization B's page under the same client load with no DELETE and no job: its idle p99.
    const idleStarted = Date.now();
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_IDLE_SECONDS ?? 15) * 1000));
    const idleEnded = Date.now();

    // The bare DELETE runs under the same client load as the job, so the two compare fairly, the
    // database vacuumed before each run, as before the job.
    const bare: Record<string, number[]> = {};
    for (const [label, statements] of Object.entries(bareDeletes[kind](a.id))) {
      const runs: number[] = [];
      for (let run = 0; run < bareRuns; run += 1) {
        await vacuumAnalyze(database);
        runs.push(await timeRolledBack(database, statements));
      }
      bare[label] = runs;
      console.log(`bare SQL DELETE (${label}), rolled back, same client load: ${runs.map(seconds).join(", ")}`);
    }
    await vacuumAnalyze(database);

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
    console.log(`removed: ${job.progress.chats} chats, ${job.progress.messages} messages${job.progress.users !== undefined ? `, ${job.progress.users} users` : ""}`);
    const idle = samples.filter((sample) => sample.at >= idleStarted && sample.at < idleEnded);
    for (const target of targets) {
      console.log(`HTTP ${target.label} idle (same load, before the DELETEs): ${JSON.stringify(summarize(idle.filter((sample) => sample.label === target.label), (idleEnded - idleStarted) / 1000))}`);
    }
    for (const target of targets) {
      console.log(`HTTP ${target.label} during the job: ${JSON.stringify(summarize(during.filter((sample) => sample.label === target.label), window))}`);
    }
    const longestMs = Math.max(0, ...during.map((sample) => sample.ms));
    console.log(`longest HTTP request during the job: ${Math.round(longestMs)} ms; ${during.length} requests, ${during.filter((s) => s.status !== 200).length} not 200`);
    console.log(`server memory (RSS of next start and its children): ${idleRss} MB before, peak ${server.peakRssMb()} MB`);
    const [left] = await queryRows<{ a: number; b: number; bMessages: number }>(
      database.db,
      sql`select (select count(*)::int from chats where organization_id = ${a.id}) as a,
        (select count(*)::int from chats where organization_id = ${b.id}) as b,
        (select count(*)::int from messages m join chats c on c.id = m.chat_id where c.organization_id = ${b.id}) as "bMessages"`,
    );
    console.log(`check: organization A has ${left!.a} chats left; organization B still has ${left!.b} chats and ${left!.bMessages} messages`);
    if (worker) console.log(`worker process memory: peak ${worker.peakRssMb()} MB`);

    return {
      jobMs,
      bare,
      longestMs,
      idleMs: idle.filter((sample) => sample.label === otherLabel).map((sample) => sample.ms),
      duringMs: during.filter((sample) => sample.label === otherLabel).map((sample) => sample.ms),
      untouched: { ...left!, expectedB: b.chats, expectedBMessages: b.messages },
    };
  } finally {
    await worker?.stop();
    await server?.stop();
    await database.close();
  }
}

/** Prints the goals' verdicts over every round; returns 0 when each holds. */
function printVerdicts(results: RoundResult[]): number {
  const jobMs = median(results.map((result) => result.jobMs));
  const labels = Object.keys(results[0]!.bare);
  const bareMedians = Object.fromEntries(labels.map((label) => [label, median(results.flatMap((result) => result.bare[label]!))]));
  const [fastestLabel, fastest] = Object.entries(bareMedians).sort(([, x], [, y]) => x - y)[0]!;
  const ratio = jobMs / fastest;
  const longest = Math.max(...results.map((result) => result.longestMs));
  // B's p99 over every round's samples: a job of 3 s gives one round about 50 of B's requests, whose
  // "p99" is its slowest one; the rounds together give three times as many.
  const idleMs = results.flatMap((result) => result.idleMs);
  const duringMs = results.flatMap((result) => result.duringMs);
  const idleP99 = percentile(idleMs, 99);
  const duringP99 = percentile(duringMs, 99);
  const p99Ratio = duringP99 / Math.max(idleP99, 1);
  const roundRatios = results.map((result) => `${(percentile(result.duringMs, 99) / Math.max(percentile(result.idleMs, 99), 1)).toFixed(2)}x`);
  const list = (values: number[], format: (value: number) => string) => values.map(format).join(", ");
  console.log(`\n## Over ${results.length} round${results.length === 1 ? "" : "s"}`);
  console.log(`job: median ${seconds(jobMs)} of ${list(results.map((result) => result.jobMs), seconds)}`);
  for (const label of labels) console.log(`bare SQL DELETE (${label}): median ${seconds(bareMedians[label]!)} of ${list(results.flatMap((result) => result.bare[label]!), seconds)}`);
  const verdicts = [
    { goal: `job at most ${goals.ratioToBareDelete}x the fastest bare DELETE (medians)`, measured: `${ratio.toFixed(2)}x (${seconds(jobMs)} / ${seconds(fastest)}, ${fastestLabel})`, pass: ratio <= goals.ratioToBareDelete },
    { goal: `no request over ${goals.longestRequestMs} ms during any job`, measured: `longest ${Math.round(longest)} ms`, pass: longest <= goals.longestRequestMs },
    {
      goal: `${otherLabel}: p99 during the jobs at most ${goals.otherOrganizationP99Ratio}x its idle p99 (every round's requests)`,
      measured: `${p99Ratio.toFixed(2)}x (${Math.round(duringP99)} ms of ${duringMs.length} requests / ${Math.round(idleP99)} ms of ${idleMs.length}); by round ${roundRatios.join(", ")}`,
      pass: p99Ratio <= goals.otherOrganizationP99Ratio,
    },
    {
      goal: "A emptied, B untouched, every round",
      measured: results.map(({ untouched: u }) => `A ${u.a} chats, B ${u.b} chats and ${u.bMessages} messages`).join("; "),
      pass: results.every(({ untouched: u }) => u.a === 0 && u.b === u.expectedB && u.bMessages === u.expectedBMessages),
    },
  ];
  for (const verdict of verdicts) console.log(`${verdict.pass ? "PASS" : "FAIL"} ${verdict.goal}: ${verdict.measured}`);
  return verdicts.every((verdict) => verdict.pass) ? 0 : 1;
}

/** Runs the bench and exits with its verdict (1 on an error too). */
export function runDestructiveBenchAndExit(kind: "purge_chats" | "delete_organization"): void {
  runDestructiveBench(kind).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
