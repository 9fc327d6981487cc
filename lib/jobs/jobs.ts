import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { jobs, type Job, type JobProgress } from "@/db/schema";
import { queryRows, type Db } from "@/lib/core/db";

export type JobKind = Job["kind"];
type Executor = Pick<Db, "execute" | "select" | "insert" | "update">;

export type ContentCounts = { chats: number; messages: number; users: number };

// Counting a million messages takes a good part of a second: page views share one count per
// organization; after a few seconds the next view still gets it while a fresh count runs behind.
const countsTtlMs = Number(process.env.CONTENT_COUNTS_TTL_MS ?? 5_000);
const countsCache = new Map<string, { at: number; counts: Promise<ContentCounts> }>();

/** The organization's counts, a few seconds old at most (plus the time of one count). */
export function getContentCounts(db: Pick<Db, "execute">, organizationId: string): Promise<ContentCounts> {
  const cached = countsCache.get(organizationId);
  if (cached && Date.now() - cached.at < countsTtlMs) return cached.counts;
  const counts = countOrganizationContent(db, organizationId);
  counts.catch(() => countsCache.delete(organizationId));
  if (cached) {
    cached.at = Date.now();
    void counts.then(() => countsCache.set(organizationId, { at: Date.now(), counts }), () => undefined);
    return cached.counts;
  }
  countsCache.set(organizationId, { at: Date.now(), counts });
  if (countsCache.size > 1000) countsCache.delete(countsCache.keys().next().value!);
  return counts;
}

export function forgetContentCounts(organizationId: string): void {
  countsCache.delete(organizationId);
}

/** What an organization holds now: the totals a purge or deletion will remove. */
export async function countOrganizationContent(db: Pick<Db, "execute">, organizationId: string): Promise<ContentCounts> {
  const [row] = await queryRows<{ chats: number | string; messages: number | string; users: number | string }>(
    db,
    sql`select
      (select count(*) from chats where organization_id = ${organizationId}) as chats,
      (select count(*) from messages m join chats c on c.id = m.chat_id where c.organization_id = ${organizationId}) as messages,
      (select count(*) from users where organization_id = ${organizationId}) as users`,
  );
  return { chats: Number(row?.chats ?? 0), messages: Number(row?.messages ?? 0), users: Number(row?.users ?? 0) };
}

/**
 * The channel a queued job is announced on (PostgreSQL `NOTIFY`, sent when the queuing transaction
 * commits): workers in other processes listen and start at once instead of at their next look at
 * the queue (`JOB_POLL_MS`, 1 s).
 */
export const jobsChannel = "org_console_jobs";

/**
 * Queues a job, or finds the unfinished one of the same kind: the partial unique index makes a
 * second start a no-op even when two requests race.
 */
export async function startJob(
  tx: Executor,
  input: { kind: JobKind; organizationId: string; requestedBy: string | null; requestedByKeyId?: string | null; progress: JobProgress },
): Promise<{ job: Job; created: boolean }> {
  const inserted = await tx
    .insert(jobs)
    .values({ kind: input.kind, organizationId: input.organizationId, requestedBy: input.requestedBy, requestedByKeyId: input.requestedByKeyId ?? null, progress: input.progress })
    .onConflictDoNothing({
      target: [jobs.organizationId, jobs.kind],
      where: sql`state in ('queued', 'running')`,
    })
    .returning();
  if (inserted[0]) {
    await tx.execute(sql`select pg_notify(${jobsChannel}, ${input.kind})`);
    return { job: inserted[0], created: true };
  }
  const [existing] = await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.organizationId, input.organizationId), eq(jobs.kind, input.kind), inArray(jobs.state, ["queued", "running"])));
  return { job: existing!, created: false };
}

/** The most recent job of each kind for an organization, for the progress shown on its page. */
export async function getLatestJobs(db: Pick<Db, "select">, organizationId: string): Promise<Partial<Record<JobKind, Job>>> {
  const rows = await db.select().from(jobs).where(eq(jobs.organizationId, organizationId)).orderBy(desc(jobs.createdAt)).limit(10);
  const latest: Partial<Record<JobKind, Job>> = {};
  for (const row of rows) latest[row.kind] ??= row;
  return latest;
}

export function isActive(job: Job | undefined): job is Job {
  return job?.state === "queued" || job?.state === "running";
}

/**
 * Takes one job to work on: a queued one, or a running one whose worker's lease ran out (it
 * crashed or stopped). SKIP LOCKED lets many workers claim side by side without waiting; each
 * claim bumps `attempts`, which then fences off a worker that lost its lease.
 */
export async function claimJob(db: Pick<Db, "execute">, leaseMs: number): Promise<Job | null> {
  const lockedUntil = new Date(Date.now() + leaseMs).toISOString();
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`update jobs set state = 'running', attempts = attempts + 1, locked_until = ${lockedUntil}::timestamptz, updated_at = now()
      where id = (
        select id from jobs
        where state in ('queued', 'running') and (locked_until is null or locked_until < now())
        order by created_at
        limit 1
        for update skip locked
      )
      returning id`,
  );
  if (!row) return null;
  return (await getJob(db as Db, row.id)) ?? null;
}

export async function getJob(db: Pick<Db, "select">, id: string): Promise<Job | undefined> {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  return job;
}

export class LeaseLostError extends Error {
  constructor() {
    super("another worker holds this job now");
  }
}

/** Saves progress and extends the lease, inside the batch's transaction; refuses if the lease moved on. */
export async function recordProgress(
  tx: Pick<Db, "update">,
  job: Pick<Job, "id" | "attempts">,
  changes: { progress: JobProgress; leaseMs: number; finished?: boolean },
): Promise<void> {
  const updated = await tx
    .update(jobs)
    .set({
      progress: changes.progress,
      updatedAt: new Date(),
      lockedUntil: changes.finished ? null : new Date(Date.now() + changes.leaseMs),
      ...(changes.finished ? { state: "done" as const, finishedAt: new Date() } : {}),
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts), eq(jobs.state, "running")))
    .returning({ id: jobs.id });
  if (updated.length === 0) throw new LeaseLostError();
}

/** Marks a job failed after an unexpected error, so it stops being retried forever. */
export async function failJob(db: Pick<Db, "update">, job: Pick<Job, "id" | "attempts">, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db
    .update(jobs)
    .set({ state: "failed", error: message.slice(0, 500), lockedUntil: null, updatedAt: new Date(), finishedAt: new Date() })
    .where(and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts)));
}
