// npm run fault:kill-job — fault (b): `kill -9` of the server in the middle of a purge and of an
// organization deletion, then a restart. Each job must resume and end as the same job run without a
// kill ends (a clean twin organization, same size, same server): nothing left of the organization's
// chats, the bystander organization untouched, exactly one finished job whose progress counts every
// removed row once, and the same audit events. Prints what the Admin saw, then PASS or FAIL (exit 1).
//
// FAULT_CHATS (default 20,000 chats of BENCH_MESSAGES_PER_CHAT = 10 messages per organization) sizes
// the organizations; the jobs run in fixed batches of FAULT_BATCH_SIZE (1,000) chats so the kill
// falls in the middle of one. The job's lease (JOB_LEASE_MS, default 30 s) is left as in production:
// the restarted server takes the job over when it runs out.
// (Read when the server is spawned, after the imports below.)
process.env.JOB_BATCH_SIZE ??= process.env.FAULT_BATCH_SIZE ?? "1000";
process.env.JOB_BATCH_TARGET_MS ??= "0";
process.env.JOB_PAUSE_MS ??= "20";
process.env.ORGANIZATION_DELETION_GRACE_DAYS = "0";
process.env.AUDIT_CHAIN_KEY ??= "bench-audit-chain-key-not-for-production-000";

import { and, asc, eq, sql } from "drizzle-orm";
import { auditEvents, jobs, type Job } from "@/db/schema";
import { queryRows } from "@/lib/core/db";
import { requestChatPurge, requestOrganizationDeletion } from "@/lib/organizations/organizations";
import { loadUserViewer } from "@/lib/auth/session-user";
import { createScratchDatabase, type ScratchDatabase } from "@/tests/support/db";
import { baseUrl, benchPassword, seconds, seedOrganization, serverUrl, sessionCookie, sizes, startServer, vacuumAnalyze, type SeededOrganization, type Server } from "./support";

type Kind = "purge_chats" | "delete_organization";
type Outcome = { state: unknown; jobs: Pick<Job, "state" | "attempts" | "progress">[]; audit: { action: string; data: unknown }[] };

const failures: string[] = [];
function check(ok: boolean, label: string) {
  console.log(`${ok ? "ok  " : "FAIL"} ${label}`);
  if (!ok) failures.push(label);
}

async function counts(database: ScratchDatabase, organizationId: string) {
  const [row] = await queryRows<{ chats: number; messages: number; users: number; organization: number; tombstone: number; audit: number }>(
    database.db,
    sql`select (select count(*)::int from chats where organization_id = ${organizationId}) as chats,
      (select count(*)::int from messages m join chats c on c.id = m.chat_id where c.organization_id = ${organizationId}) as messages,
      (select count(*)::int from users where organization_id = ${organizationId}) as users,
      (select count(*)::int from organizations where id = ${organizationId}) as organization,
      (select count(*)::int from deleted_organizations where id = ${organizationId}) as tombstone,
      (select count(*)::int from audit_events where organization_id = ${organizationId}) as audit`,
  );
  return row!;
}

/** The organization's final state, in a form two runs can be compared by (ids and times left out). */
async function outcome(database: ScratchDatabase, organizationId: string, kind: Kind): Promise<Outcome> {
  const rows = await database.db.select().from(jobs).where(and(eq(jobs.organizationId, organizationId), eq(jobs.kind, kind)));
  const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, organizationId)).orderBy(asc(auditEvents.sequence));
  const { tombstone, ...state } = await counts(database, organizationId);
  return {
    state: { ...state, tombstone },
    jobs: rows.map((job) => ({ state: job.state, attempts: job.attempts, progress: job.progress })),
    audit: audit.map((event) => {
      const { jobId: _jobId, ...data } = (event.data ?? {}) as Record<string, unknown>;
      return { action: event.action, data };
    }),
  };
}

/** What the Admin's browser gets on the Organization page: the job's status line, or where it was sent. */
async function whatTheAdminSees(cookie: string): Promise<string> {
  try {
    const response = await fetch(`${baseUrl}/en/admin/organization`, { headers: { cookie }, redirect: "manual" });
    if (response.status >= 300 && response.status < 400) return `${response.status} → ${response.headers.get("location")}`;
    // The visible text only: the page's scripts carry the raw messages too.
    const text = (await response.text()).replace(/<script[\s\S]*?<\/script>/g, " ").replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ");
    const line =
      /(All chats were deleted[^.]*\.)/.exec(text)?.[1] ??
      /([\d,]+ of [\d,]+ chats and [\d,]+ of [\d,]+ messages deleted\.)/.exec(text)?.[1] ??
      /(Waiting to start…)/.exec(text)?.[1] ??
      /(The deletion of chats stopped[^.]*\.)/.exec(text)?.[1] ??
      "(no job status on the page)";
    return `${response.status}: ${line}`;
  } catch (error) {
    return `no answer (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`;
  }
}

async function request(database: ScratchDatabase, organization: SeededOrganization, kind: Kind): Promise<Job> {
  const lookup = await loadUserViewer(database.db, organization.adminId);
  if (lookup.status !== "ok") throw new Error("admin not found");
  const result =
    kind === "purge_chats"
      ? await requestChatPurge(database.db, lookup.viewer, { confirmation: organization.name })
      : await requestOrganizationDeletion(database.db, lookup.viewer, { confirmation: organization.name, password: benchPassword }, { graceDays: 0 });
  if (!result.ok || !result.job) throw new Error(`request refused: ${result.ok ? "scheduled" : result.error}`);
  return result.job;
}

async function jobNow(database: ScratchDatabase, id: string): Promise<Job> {
  const [job] = await database.db.select().from(jobs).where(eq(jobs.id, id));
  return job!;
}

async function waitFinished(database: ScratchDatabase, id: string, timeoutMs = 180_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await jobNow(database, id);
    if (job.state !== "queued" && job.state !== "running") return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const progressText = (job: Job) => `${job.state}, attempt ${job.attempts}, ${job.progress.chats} of ${job.progress.totalChats} chats, ${job.progress.messages} of ${job.progress.totalMessages} messages`;

async function killServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  // The whole process group: server.mjs and anything it started.
  process.kill(-server.process.pid!, "SIGKILL");
  await exited;
}

async function scenario(database: ScratchDatabase, kind: Kind, target: SeededOrganization, twin: SeededOrganization, server: Server): Promise<Server> {
  const label = kind === "purge_chats" ? "purge of all chats" : "organization deletion";
  console.log(`\n## ${label}`);
  // Both Admins sign in the same way (an audit event each), so the two audit logs compare.
  await sessionCookie(database.db, twin.adminId, twin.id);
  const twinJob = await waitFinished(database, (await request(database, twin, kind)).id);
  console.log(`clean run (no kill), organization ${twin.name}: job ${progressText(twinJob)} in ${seconds(twinJob.finishedAt!.getTime() - twinJob.createdAt.getTime())}`);

  const cookie = await sessionCookie(database.db, target.adminId, target.id);
  console.log(`before: the Admin of ${target.name} sees ${await whatTheAdminSees(cookie)}`);
  const job = await request(database, target, kind);
  let seen = await jobNow(database, job.id);
  while (!(seen.state === "running" && (seen.progress.chats ?? 0) >= target.chats / 4)) {
    if (seen.state !== "queued" && seen.state !== "running") throw new Error(`the job ended before the kill (${seen.state}): raise FAULT_CHATS`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen = await jobNow(database, job.id);
  }
  const during = await whatTheAdminSees(cookie);
  await killServer(server);
  const killedAt = Date.now();
  const atKill = await jobNow(database, job.id);
  console.log(`during: the Admin sees ${during}`);
  console.log(`kill -9 of the server's process group: job ${progressText(atKill)}`);
  console.log(`while down: the Admin sees ${await whatTheAdminSees(cookie)}`);
  const restarted = await startServer(database.url);
  console.log(`restarted in ${seconds(Date.now() - killedAt)}; right after: the Admin sees ${await whatTheAdminSees(cookie)}`);
  let resumedAt = 0;
  for (;;) {
    const now = await jobNow(database, job.id);
    if (!resumedAt && (now.attempts > atKill.attempts || now.state !== "running")) resumedAt = Date.now();
    if (now.state !== "queued" && now.state !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const finished = await jobNow(database, job.id);
  console.log(`resumed ${seconds(resumedAt - killedAt)} after the kill (the lease of the killed worker ran out), finished ${seconds(Date.now() - killedAt)} after it: job ${progressText(finished)}`);
  console.log(`after: the Admin sees ${await whatTheAdminSees(cookie)}`);

  const killed = await outcome(database, target.id, kind);
  const clean = await outcome(database, twin.id, kind);
  console.log(`state, killed run: ${JSON.stringify(killed)}`);
  console.log(`state, clean run:  ${JSON.stringify(clean)}`);
  const expectedState =
    kind === "purge_chats"
      ? // The Admin's sign-in, the purge asked for, the purge done.
        { chats: 0, messages: 0, users: 10, organization: 1, audit: 3, tombstone: 0 }
      : { chats: 0, messages: 0, users: 0, organization: 0, audit: 0, tombstone: 1 };
  check(JSON.stringify(killed.state) === JSON.stringify(expectedState), `${label}: nothing left (${JSON.stringify(killed.state)})`);
  check(killed.jobs.length === 1 && killed.jobs[0]!.state === "done", `${label}: exactly one job, done (${killed.jobs.map((one) => one.state).join(", ")})`);
  check((killed.jobs[0]?.attempts ?? 0) >= 2, `${label}: the job was taken over after the kill (attempts ${killed.jobs[0]?.attempts})`);
  const progress = killed.jobs[0]?.progress;
  check(
    progress?.chats === target.chats && progress?.messages === target.messages && progress.totalChats === target.chats && (kind === "purge_chats" || progress.users === 10),
    `${label}: progress counts every row once (${progress?.chats} chats, ${progress?.messages} messages for ${target.chats} and ${target.messages} seeded)`,
  );
  const comparable = (value: Outcome) => JSON.stringify({ state: value.state, audit: value.audit, progress: value.jobs.map((one) => one.progress) });
  check(comparable(killed) === comparable(clean), `${label}: same end state, progress and audit events as the clean run`);
  return restarted;
}

async function main(): Promise<number> {
  const database = await createScratchDatabase(serverUrl, process.env.BENCH_DB_PREFIX ?? "faults", { keep: process.env.BENCH_KEEP_DATABASE === "true" });
  let server: Server | null = null;
  try {
    sizes.chats = Number(process.env.FAULT_CHATS ?? 20_000);
    console.log(`# Fault (b): kill -9 during a purge and a deletion — ${sizes.chats.toLocaleString("en")} chats and ${(sizes.chats * sizes.messagesPerChat).toLocaleString("en")} messages per organization, batches of ${process.env.JOB_BATCH_SIZE} chats, database ${database.name}`);
    const started = performance.now();
    const bystander = await seedOrganization(database, "Bystander");
    const purgeTarget = await seedOrganization(database, "Purge Killed");
    const purgeTwin = await seedOrganization(database, "Purge Clean");
    const deleteTarget = await seedOrganization(database, "Delete Killed");
    const deleteTwin = await seedOrganization(database, "Delete Clean");
    await vacuumAnalyze(database);
    const bystanderBefore = await counts(database, bystander.id);
    console.log(`seeded 5 organizations in ${seconds(performance.now() - started)}`);
    server = await startServer(database.url);
    server = await scenario(database, "purge_chats", purgeTarget, purgeTwin, server);
    server = await scenario(database, "delete_organization", deleteTarget, deleteTwin, server);
    const bystanderAfter = await counts(database, bystander.id);
    console.log("");
    check(JSON.stringify(bystanderAfter) === JSON.stringify(bystanderBefore), `the other organization untouched (${JSON.stringify(bystanderAfter)})`);
    const [active] = await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from jobs where state in ('queued', 'running') and kind <> 'maintenance'`);
    check(active!.count === 0, `no job left queued or running (${active!.count})`);
    await server.stop();
    server = null;
  } finally {
    if (server) await server.stop().catch(() => undefined);
    await database.close();
  }
  console.log(failures.length === 0 ? "\nPASS" : `\nFAIL: ${failures.length} check(s) failed`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log("FAIL");
    process.exit(1);
  },
);
