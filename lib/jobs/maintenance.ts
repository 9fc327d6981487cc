import { jobs, type Job, type JobProgress } from "@/db/schema";
import { applyAuditRetention } from "@/lib/audit/retention";
import { tidyAuditStreams } from "@/lib/audit/stream-delivery";
import { checkAuditChains } from "@/lib/audit/verification";
import type { Db } from "@/lib/core/db";
import { recheckDomains } from "@/lib/domains/rechecks";
import { deleteSpentEmailTokens } from "@/lib/mail/email-tokens";
import { deleteOldSessions } from "@/lib/sessions/sessions";
import { deleteOldPendingSignIns } from "@/lib/auth/two-step-sign-in";
import { log } from "@/lib/core/log";
import { recordProgress } from "./jobs";
import { deleteOldIdempotencyRecords } from "@/lib/api-keys/limits";
import { scheduleRetentionJobs } from "@/lib/lifecycle/retention";
import { deleteExpiredExports } from "@/lib/lifecycle/exports";
import { startDueDeletions } from "@/lib/lifecycle/deletion-grace";

export type DailyTask = (db: Db, now: Date) => Promise<unknown>;
export type DailyTasks = Readonly<Record<string, DailyTask>>;

/**
 * The daily maintenance round, in order. Each task must be safe to run again (a round taken over
 * after a crash repeats the task that was running). Adding daily work is one line here.
 */
export const dailyTasks: DailyTasks = {
  domainRechecks: (db, now) => recheckDomains(db, { now }),
  spentEmailTokens: (db, now) => deleteSpentEmailTokens(db, now),
  oldSessions: (db, now) => deleteOldSessions(db, now),
  apiIdempotency: (db, now) => deleteOldIdempotencyRecords(db, now),
  auditRetention: (db, now) => applyAuditRetention(db, now),
  auditChains: (db, now) => checkAuditChains(db, now),
  auditStreamLogs: (db, now) => tidyAuditStreams(db, now),
  dueDeletions: (db, now) => startDueDeletions(db, now),
  chatRetention: (db, now) => scheduleRetentionJobs(db, now),
  expiredExports: (db, now) => deleteExpiredExports(db, now),
  oldPendingSignIns: (db, now) => deleteOldPendingSignIns(db, now),
};

/** A round's period: the UTC date, so every instance agrees on it. */
export function maintenancePeriod(now: Date): string {
  return now.toISOString().slice(0, 10);
}

const emptyProgress: JobProgress = { chats: 0, messages: 0, totalChats: 0, totalMessages: 0, tasks: {} };

/**
 * Queues this period's round unless some instance already did: the unique (kind, period) index
 * makes every later attempt, from any process, a no-op. True when this call created it.
 */
export async function scheduleMaintenance(db: Pick<Db, "insert">, now = new Date()): Promise<boolean> {
  const inserted = await db
    .insert(jobs)
    .values({ kind: "maintenance", period: maintenancePeriod(now), organizationId: null, requestedBy: null, progress: emptyProgress })
    .onConflictDoNothing({ target: [jobs.kind, jobs.period] })
    .returning({ id: jobs.id });
  return inserted.length === 1;
}

/**
 * Runs a claimed round's tasks one after the other, saving each outcome with the lease (a worker
 * that lost it stops). A failing task is logged and marked; the others still run.
 */
export async function runMaintenance(db: Db, job: Job, options: { leaseMs: number; tasks?: DailyTasks; now?: Date }): Promise<void> {
  const tasks = options.tasks ?? dailyTasks;
  const outcomes: Record<string, "done" | "failed"> = { ...job.progress.tasks };
  for (const [name, task] of Object.entries(tasks)) {
    if (outcomes[name] === "done") continue;
    try {
      await task(db, options.now ?? new Date());
      outcomes[name] = "done";
    } catch (error) {
      log("maintenance").error({ err: error, period: job.period, task: name }, "task failed");
      outcomes[name] = "failed";
    }
    await recordProgress(db, job, { progress: { ...job.progress, tasks: outcomes }, leaseMs: options.leaseMs });
  }
  job.progress = { ...job.progress, tasks: outcomes };
  await recordProgress(db, job, { progress: job.progress, leaseMs: options.leaseMs, finished: true });
  log("maintenance").info({ period: job.period, outcomes }, "round done");
}
