import "server-only";
import { eq, sql } from "drizzle-orm";
import { deletedOrganizations, organizations, type Job, type JobProgress } from "@/db/schema";
import type { Db } from "@/db";
import { allowAuditDeletion } from "@/lib/audit/chain";
import { recordAudit } from "@/lib/audit/record";
import { runAuditStream } from "@/lib/audit/stream-delivery";
import { queryRows } from "@/lib/core/db";
import { log } from "@/lib/core/log";
import { observeJobBatch } from "@/lib/core/metrics";
import { isDatabaseUnavailable } from "@/lib/core/unavailable";
import { claimJob, failJob, forgetContentCounts, LeaseLostError, recordProgress } from "./jobs";
import { maintenancePeriod, runMaintenance, scheduleMaintenance, type DailyTasks } from "./maintenance";
import { buildExport } from "./export";
import { noticeRecipients, sendCompletionNotices } from "./notices";

export type WorkerOptions = {
  /** Chats removed by the first statement (with all their messages); later batches adapt. */
  batchSize: number;
  /**
   * How long one batch should take. The next batch grows or shrinks toward it (between
   * `batchSize` and `maxBatchSize`), so a large organization goes in a few round trips while each
   * statement stays short; 0 keeps every batch at `batchSize`.
   */
  batchTargetMs: number;
  /** The largest batch, whatever the timing says. */
  maxBatchSize: number;
  /** How long a claim lasts without news before another worker may take the job over. */
  leaseMs: number;
  /** Sleep between looks at the queue when it is empty. */
  pollMs: number;
  /** Rest between batches, so other requests get the (PGlite: only) connection. */
  pauseMs: number;
  /** Attempts after which a job that keeps failing is marked failed. */
  maxAttempts: number;
  /** The daily round's tasks (tests give their own); `dailyTasks` otherwise. */
  dailyTasks?: DailyTasks;
  /** The worker's clock, which picks the round's period (tests move it). */
  now?: () => Date;
};

export const defaultWorkerOptions: WorkerOptions = {
  batchSize: Number(process.env.JOB_BATCH_SIZE ?? 2000),
  batchTargetMs: Number(process.env.JOB_BATCH_TARGET_MS ?? 250),
  maxBatchSize: Number(process.env.JOB_MAX_BATCH_SIZE ?? 25_000),
  leaseMs: Number(process.env.JOB_LEASE_MS ?? 30_000),
  pollMs: Number(process.env.JOB_POLL_MS ?? 1000),
  pauseMs: Number(process.env.JOB_PAUSE_MS ?? 0),
  maxAttempts: 5,
};

/**
 * Whether this database counts row changes (`track_counts`, on unless an operator turned it off):
 * then a batch learns how many messages its cascade removed from the transaction's own counter
 * instead of counting them beforehand. Asked once per database handle.
 */
const countsTracked = new WeakMap<object, Promise<boolean>>();
function tracksCounts(db: Db): Promise<boolean> {
  let known = countsTracked.get(db);
  if (!known) {
    known = queryRows<{ on: boolean | string }>(db, sql`select current_setting('track_counts')::boolean as on`).then(
      ([row]) => row?.on === true || row?.on === "t" || row?.on === "true",
    );
    known.catch(() => countsTracked.delete(db));
    countsTracked.set(db, known);
  }
  return known;
}

/**
 * One batch is one transaction of two statements, sent together: the first holds the job row while its lease is
 * ours and removes the organization's next `batchSize` chats in id order (their messages go by the
 * foreign key's cascade, the cheapest way); the second adds to the progress and extends the lease.
 *
 * The batch is a key range, not a list: the upper bound is the id `batchSize - 1` entries after
 * the cursor, and the DELETE walks (organization_id, id) between the cursor and that bound, as the
 * bare `DELETE … WHERE organization_id = …` would. Deleting "id IN (the next ids)" instead cost
 * a second index probe per chat and made the purge about 30% slower.
 *
 * The messages removed are counted by PostgreSQL's per-transaction row counter on `messages`
 * (`pg_stat_get_xact_tuples_deleted`, the figure behind `pg_stat_xact_user_tables`), read before
 * the DELETE (in its statement: the cascade runs at the statement's end) and after it: the exact
 * number the cascade removed, at no cost. Counting the messages first with a `count(*)` walked the
 * message index a second time, about 18% of each batch (EXPLAIN ANALYZE: 33 ms of 180 ms for
 * 25,000 chats). Where `track_counts` is off, the batch counts them first as before.
 */
async function removeNextChats(db: Db, job: Job, options: Pick<WorkerOptions, "batchSize" | "leaseMs">, afterChatId: number) {
  const counter = await tracksCounts(db);
  // A retention job removes only the chats last updated before its cutoff; a purge or deletion, all.
  const older = job.kind === "chat_retention" ? sql`and updated_at < ${job.progress.cutoff ?? new Date(0).toISOString()}::timestamptz` : sql``;
  const inRange = sql`organization_id = ${job.organizationId} and id > ${afterChatId} and id <= (select upto from bound) ${older}`;
  const lockedUntil = new Date(Date.now() + options.leaseMs).toISOString();
  const removed = await db.transaction(async (tx) => {
    // The two statements go together (postgres.js pipelines them on the transaction's connection):
    // the second needs nothing from the first's answer, which leaves its figures in settings local
    // to this transaction. One round trip fewer per batch; on a loaded machine each one waits for
    // the worker's process to be scheduled again.
    const [[row], [saved]] = await Promise.all([
      queryRows<{ leased: number; chats: number; lastChatId: number | string | null }>(
        tx,
        sql`with lease as materialized (
            select id from jobs where id = ${job.id} and attempts = ${job.attempts} and state = 'running' for update
          ),
          bound as materialized (
            select coalesce(
              (select id from chats where organization_id = ${job.organizationId} and id > ${afterChatId} ${older}
                order by id offset ${options.batchSize - 1} limit 1),
              9223372036854775807) as upto
            where exists (select 1 from lease)
          ),
          -- A batch need not wait for its commit to reach the disk: after a crash that loses it, its
          -- chats and its progress come back together and the job removes them again. The step that
          -- finishes the job (audit event, tombstone) commits as usual. Each commit's flush took
          -- 8-12 ms per 10,000 chats (psql, this machine).
          settings as materialized (
            select set_config('synchronous_commit', 'off', true) as synchronous_commit,
              set_config('org_console.batch_messages_before', (${counter ? sql`pg_stat_get_xact_tuples_deleted('messages'::regclass)` : sql`-(select count(*) from messages where chat_id in (select id from chats where ${inRange}))`})::text, true) as before
          ),
          gone as (
            delete from chats where ${inRange}
            returning id
          ),
          summary as materialized (
            select (select count(*) from lease)::int as leased, (select count(*) from gone)::int as chats, (select max(id) from gone) as "lastChatId"
          )
        select leased, chats, "lastChatId", set_config('org_console.batch_chats', chats::text, true) as noted,
          (select before from settings) as before, (select synchronous_commit from settings) as synchronous_commit
        from summary`,
      ),
      // With the counter: after minus before. Without it, "before" holds minus the messages counted first.
      queryRows<{ progress: JobProgress | string }>(
        tx,
        sql`update jobs set
            progress = progress || jsonb_build_object(
              'chats', (progress->>'chats')::int + current_setting('org_console.batch_chats')::int,
              'messages', (progress->>'messages')::int + (${counter ? sql`pg_stat_get_xact_tuples_deleted('messages'::regclass) - current_setting('org_console.batch_messages_before')::bigint` : sql`-current_setting('org_console.batch_messages_before')::bigint`})::int),
            locked_until = ${lockedUntil}::timestamptz, updated_at = now()
          where id = ${job.id} and attempts = ${job.attempts} and state = 'running'
            and current_setting('org_console.batch_chats')::int > 0
          returning progress`,
      ),
    ]);
    if (!row || Number(row.leased) === 0) throw new LeaseLostError();
    return { chats: Number(row.chats), lastChatId: Number(row.lastChatId ?? 0), progress: saved?.progress ?? null };
  });
  // Kept once committed: a batch rolled back leaves the job's progress as it was.
  if (removed.progress) job.progress = typeof removed.progress === "string" ? (JSON.parse(removed.progress) as JobProgress) : removed.progress;
  return { chats: removed.chats, lastChatId: removed.lastChatId };
}

/**
 * Removes one batch of chats; the batch that finds nothing left finishes the job in one
 * transaction: a purge writes its audit event; a deletion removes the organization row
 * (cascading users, invitations, audit events) and leaves the tombstone.
 */
export async function runBatch(
  db: Db,
  job: Job,
  options: Pick<WorkerOptions, "batchSize" | "leaseMs">,
  afterChatId = 0,
): Promise<{ done: false; chats: number; lastChatId: number } | { done: true }> {
  const organizationId = job.organizationId;
  if (!organizationId) throw new Error(`job ${job.id} (${job.kind}) names no organization`);
  const removed = await removeNextChats(db, job, options, afterChatId);
  if (removed.chats > 0) return { done: false, chats: removed.chats, lastChatId: removed.lastChatId };
  // Chats created behind the cursor while the job ran (an id handed out before the cursor passed
  // it, committed after): go round once more from the start.
  if (afterChatId > 0) return { done: false, chats: 0, lastChatId: 0 };
  const finishing = performance.now();
  const notices = await db.transaction(async (tx) => {
    const progress: JobProgress = { ...job.progress };
    const [organization] = await tx.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId));
    // Who to tell, read before the rows go (a deletion removes the people with the organization).
    const recipients = organization ? await noticeRecipients(tx, organizationId, job.kind === "delete_organization" ? "everyone" : "admins") : [];
    if (job.kind === "delete_organization") {
      const [people] = await queryRows<{ count: number }>(tx, sql`select count(*)::int as count from users where organization_id = ${organizationId}`);
      progress.users = Number(people?.count ?? 0);
      // The audit log's trigger lets the cascade remove the organization's events in this transaction only.
      await allowAuditDeletion(tx);
      // Its keys keep answering "gone" once their rows go with the organization.
      await queryRows(tx, sql`insert into deleted_api_keys (secret_hash, organization_id) select secret_hash, organization_id from api_keys where organization_id = ${organizationId} on conflict do nothing`);
      await tx.delete(organizations).where(eq(organizations.id, organizationId));
      await tx.insert(deletedOrganizations).values({ id: organizationId }).onConflictDoNothing();
    } else if (organization) {
      await recordAudit(tx, {
        organizationId: organizationId,
        actorId: job.requestedBy,
        action: job.kind === "chat_retention" ? "organization.retentionApplied" : "organization.chatsPurged",
        data: { chats: progress.chats, messages: progress.messages, jobId: job.id, ...(progress.cutoff ? { cutoff: progress.cutoff } : {}) },
      });
    }
    await recordProgress(tx, job, { progress, leaseMs: options.leaseMs, finished: true });
    job.progress = progress;
    return { organizationName: organization?.name ?? "", recipients };
  });
  if (process.env.JOB_TRACE === "true") console.info(`[worker] job ${job.id}: finished in ${Math.round(performance.now() - finishing)} ms after its last look at the chats`);
  // Retention runs every day: its audit event is the record; purges and deletions are told by email.
  if (job.kind !== "chat_retention") await sendCompletionNotices(job, notices.organizationName, notices.recipients);
  return { done: true } as const;
}

/**
 * The size of the next batch after one of `size` chats took `elapsedMs`: proportional to the time
 * left to the target, at most 4 times larger or smaller in one step, within [min, max].
 */
export function nextBatchSize(size: number, elapsedMs: number, options: Pick<WorkerOptions, "batchSize" | "batchTargetMs" | "maxBatchSize">): number {
  if (options.batchTargetMs <= 0) return options.batchSize;
  const ratio = Math.min(4, Math.max(0.25, options.batchTargetMs / Math.max(elapsedMs, 1)));
  return Math.round(Math.min(options.maxBatchSize, Math.max(options.batchSize, size * ratio)));
}

const pause = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

/**
 * Works on a claimed job batch after batch until it is done. `maxBatches` stops early, leaving
 * the lease to run out as a crash would (tests use it).
 */
export async function processJob(
  db: Db,
  job: Job,
  options: WorkerOptions = defaultWorkerOptions,
  limits: { maxBatches?: number; shouldStop?: () => boolean } = {},
): Promise<"done" | "stopped" | "lost" | "error"> {
  let batches = 0;
  let cursor = 0;
  let batchSize = options.batchSize;
  const began = performance.now();
  // JOB_TRACE=true prints each batch's size and time: the statements' share of the job's time.
  const trace = process.env.JOB_TRACE === "true";
  let inBatches = 0;
  try {
    if (job.kind === "maintenance") {
      await runMaintenance(db, job, { leaseMs: options.leaseMs, tasks: options.dailyTasks, now: options.now?.() });
      return "done";
    }
    if (job.kind === "audit_stream") {
      const outcome = await runAuditStream(db, job, { leaseMs: options.leaseMs, now: options.now });
      return outcome === "lost" ? "lost" : outcome === "done" ? "done" : "stopped";
    }
    if (job.kind === "export") {
      await buildExport(db, job, { leaseMs: options.leaseMs, pageSize: Math.max(options.batchSize, 1000), shouldStop: limits.shouldStop, maxPages: limits.maxBatches });
      return "done";
    }
    while (true) {
      if (limits.shouldStop?.() || (limits.maxBatches !== undefined && batches >= limits.maxBatches)) return "stopped";
      const started = performance.now();
      const batch = await runBatch(db, job, { batchSize, leaseMs: options.leaseMs }, cursor);
      const elapsed = performance.now() - started;
      inBatches += elapsed;
      if (trace) console.info(`[worker] job ${job.id} batch ${batches + 1}: ${batch.done ? "last" : `${batch.chats}/${batchSize} chats`} in ${Math.round(elapsed)} ms (${Math.round(inBatches)} ms of ${Math.round(performance.now() - began)} ms in batches)`);
      observeJobBatch(job.kind, (performance.now() - started) / 1000);
      if (batch.done) {
        if (job.organizationId) forgetContentCounts(job.organizationId);
        const { chats = 0, messages = 0 } = job.progress;
        log("worker").info({ jobId: job.id, kind: job.kind, chats, messages, batches: batches + 1, ms: Math.round(performance.now() - began) }, "job done");
        return "done";
      }
      // A batch short of its size reached the end: next, the one look back from the start.
      cursor = batch.chats < batchSize ? 0 : batch.lastChatId;
      batchSize = nextBatchSize(batchSize, elapsed, options);
      batches += 1;
      await pause(options.pauseMs);
    }
  } catch (error) {
    if (error instanceof LeaseLostError) return "lost";
    log("worker").error({ err: error, jobId: job.id, kind: job.kind, attempt: job.attempts }, "job failed");
    // A passing problem is retried when the lease runs out; one that keeps coming back stops the job.
    if (job.attempts >= options.maxAttempts) await failJob(db, job, error);
    return "error";
  }
}

/** Claims and finishes jobs until the queue is empty; returns how many it finished. */
export async function drainJobs(db: Db, options: WorkerOptions = defaultWorkerOptions): Promise<number> {
  let finished = 0;
  for (let job = await claimJob(db, options.leaseMs); job; job = await claimJob(db, options.leaseMs)) {
    if ((await processJob(db, job, options)) === "done") finished += 1;
  }
  return finished;
}

export type RunningWorker = { wake: () => void; stop: () => Promise<void> };

/** The worker loop: looks at the queue, works, sleeps; `wake()` cuts the sleep short. */
export function startWorker(db: Db, options: WorkerOptions = defaultWorkerOptions): RunningWorker {
  let stopping = false;
  let wakeUp: (() => void) | null = null;
  // A wake that comes while the loop is busy (claiming, working) cuts its next sleep.
  let woken = false;
  let scheduled: string | null = null;
  let databaseDown = false;
  const loop = (async () => {
    while (!stopping) {
      woken = false;
      try {
        // Each process offers the day's round once; the jobs table keeps one, which one worker claims.
        const now = options.now?.() ?? new Date();
        if (maintenancePeriod(now) !== scheduled) {
          await scheduleMaintenance(db, now);
          scheduled = maintenancePeriod(now);
        }
        const job = await claimJob(db, options.leaseMs);
        if (databaseDown) {
          databaseDown = false;
          log("worker").info("the database answers again: back to the job queue");
        }
        if (job) {
          await processJob(db, job, options, { shouldStop: () => stopping });
          continue;
        }
      } catch (error) {
        // An outage is said once, not at every poll (10 lines a second with a short JOB_POLL_MS).
        if (!isDatabaseUnavailable(error)) log("worker").error({ err: error }, "could not read the job queue");
        else if (!databaseDown) log("worker").warn({ err: error }, "the database does not answer: waiting for it");
        databaseDown = isDatabaseUnavailable(error);
      }
      if (woken || stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  })();
  return {
    wake: () => {
      woken = true;
      wakeUp?.();
    },
    stop: async () => {
      stopping = true;
      wakeUp?.();
      await loop;
    },
  };
}

const holder = globalThis as typeof globalThis & { __orgConsoleWorker?: RunningWorker };

/** Starts this process's worker once (the server calls it at start). */
export function ensureWorker(db: Db): RunningWorker {
  holder.__orgConsoleWorker ??= startWorker(db);
  return holder.__orgConsoleWorker;
}

/** Tells this process's worker, if any, that a job is waiting. */
export function wakeWorker(): void {
  holder.__orgConsoleWorker?.wake();
}
