import { eq, sql } from "drizzle-orm";
import { deletedOrganizations, organizations, type Job, type JobProgress } from "@/db/schema";
import type { Db } from "@/db";
import { recordAudit } from "./audit";
import { claimJob, failJob, forgetContentCounts, LeaseLostError, queryRows, recordProgress } from "./jobs";

export type WorkerOptions = {
  /** Chats removed per transaction (with all their messages). */
  batchSize: number;
  /** How long a claim lasts without news before another worker may take the job over. */
  leaseMs: number;
  /** Sleep between looks at the queue when it is empty. */
  pollMs: number;
  /** Rest between batches, so other requests get the (PGlite: only) connection. */
  pauseMs: number;
  /** Attempts after which a job that keeps failing is marked failed. */
  maxAttempts: number;
};

export const defaultWorkerOptions: WorkerOptions = {
  batchSize: Number(process.env.JOB_BATCH_SIZE ?? 2000),
  leaseMs: Number(process.env.JOB_LEASE_MS ?? 30_000),
  pollMs: Number(process.env.JOB_POLL_MS ?? 1000),
  pauseMs: Number(process.env.JOB_PAUSE_MS ?? 0),
  maxAttempts: 5,
};

/**
 * One batch is one statement (so one round trip, atomic without BEGIN/COMMIT): it holds the job
 * row while its lease is ours, removes the next chats of the organization in id order (range scan
 * on (organization_id, id)) with their messages, adds to the progress and extends the lease.
 */
async function removeNextChats(db: Db, job: Job, options: Pick<WorkerOptions, "batchSize" | "leaseMs">, afterChatId: number) {
  const lockedUntil = new Date(Date.now() + options.leaseMs).toISOString();
  // Starting after the last chat removed skips the index entries of earlier batches' dead rows.
  // Messages go by the foreign key's cascade, the cheapest way; the locked chats keep the count exact.
  const [row] = await queryRows<{ leased: number; chats: number; messages: number; lastChatId: number | string | null; progress: JobProgress | null }>(
    db,
    sql`with lease as materialized (
        select id from jobs where id = ${job.id} and attempts = ${job.attempts} and state = 'running' for update
      ),
      doomed as materialized (
        select id from chats where organization_id = ${job.organizationId} and id > ${afterChatId} and exists (select 1 from lease)
        order by id limit ${options.batchSize} for update
      ),
      counted as (select count(*)::int as messages from messages where chat_id in (select id from doomed)),
      gone as (delete from chats where id in (select id from doomed) returning id),
      saved as (
        update jobs set
          progress = progress || jsonb_build_object(
            'chats', (progress->>'chats')::int + (select count(*) from gone),
            'messages', (progress->>'messages')::int + (select messages from counted)),
          locked_until = ${lockedUntil}::timestamptz, updated_at = now()
        where id in (select id from lease) and exists (select 1 from gone)
        returning progress
      )
      select (select count(*) from lease)::int as leased, (select count(*) from gone)::int as chats,
        (select messages from counted) as messages, (select max(id) from gone) as "lastChatId",
        (select progress from saved) as progress`,
  );
  if (!row || Number(row.leased) === 0) throw new LeaseLostError();
  if (row.progress) job.progress = typeof row.progress === "string" ? (JSON.parse(row.progress) as JobProgress) : row.progress;
  return { chats: Number(row.chats), lastChatId: Number(row.lastChatId ?? 0) };
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
): Promise<{ done: false; lastChatId: number } | { done: true }> {
  const removed = await removeNextChats(db, job, options, afterChatId);
  if (removed.chats > 0) return { done: false, lastChatId: removed.lastChatId };
  // Chats created behind the cursor while the job ran: go round once more from the start.
  if (afterChatId > 0) return { done: false, lastChatId: 0 };
  return db.transaction(async (tx) => {
    const progress: JobProgress = { ...job.progress };
    const [organization] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, job.organizationId));
    if (job.kind === "delete_organization") {
      const [people] = await queryRows<{ count: number }>(tx, sql`select count(*)::int as count from users where organization_id = ${job.organizationId}`);
      progress.users = Number(people?.count ?? 0);
      await tx.delete(organizations).where(eq(organizations.id, job.organizationId));
      await tx.insert(deletedOrganizations).values({ id: job.organizationId }).onConflictDoNothing();
    } else if (organization) {
      await recordAudit(tx, {
        organizationId: job.organizationId,
        actorId: job.requestedBy,
        action: "organization.chatsPurged",
        data: { chats: progress.chats, messages: progress.messages, jobId: job.id },
      });
    }
    await recordProgress(tx, job, { progress, leaseMs: options.leaseMs, finished: true });
    job.progress = progress;
    return { done: true } as const;
  });
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
  try {
    while (true) {
      if (limits.shouldStop?.() || (limits.maxBatches !== undefined && batches >= limits.maxBatches)) return "stopped";
      const batch = await runBatch(db, job, options, cursor);
      if (batch.done) {
        forgetContentCounts(job.organizationId);
        return "done";
      }
      cursor = batch.lastChatId;
      batches += 1;
      await pause(options.pauseMs);
    }
  } catch (error) {
    if (error instanceof LeaseLostError) return "lost";
    console.error(`[worker] job ${job.id} (${job.kind}) failed on attempt ${job.attempts}`, error);
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
  const loop = (async () => {
    while (!stopping) {
      try {
        const job = await claimJob(db, options.leaseMs);
        if (job) {
          await processJob(db, job, options, { shouldStop: () => stopping });
          continue;
        }
      } catch (error) {
        console.error("[worker] could not read the job queue", error);
      }
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
    wake: () => wakeUp?.(),
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
