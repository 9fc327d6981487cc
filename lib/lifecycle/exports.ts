import "server-only";
import { createReadStream } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { and, desc, eq, gt, lte } from "drizzle-orm";
import { jobs, organizationExports, organizations, type Job, type OrganizationExport } from "@/db/schema";
import type { Db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { auditActorOf, personIdOf } from "@/lib/core/actor";
import { guard } from "@/lib/core/guard";
import { fail, type Result } from "@/lib/core/result";
import { getJob, startJob } from "@/lib/jobs/jobs";
import { exportDirectory, exportFilePath, exportLifetimeMs } from "@/lib/jobs/export";
import { exportIdSchema } from "./schemas";
import type { LifecycleActor } from "./retention";

export type ExportError = "forbidden" | "validation" | "notFound" | "organizationDeleted" | "expired" | "exportInProgress";

/** What the console and the API say about one export: its job's progress and, once ready, its file. */
export type ExportStatus = {
  id: string;
  state: Job["state"];
  rows: number;
  /** Rows the archive will hold; null while the worker is still counting them. */
  totalRows: number | null;
  createdAt: Date;
  ready: { fileName: string; size: number; expiresAt: Date } | null;
};

function statusOf(job: Job, file: OrganizationExport | undefined, now: Date): ExportStatus {
  return {
    id: job.id,
    state: job.state,
    rows: job.progress.rows ?? 0,
    totalRows: job.progress.counting ? null : job.progress.totalChats + job.progress.totalMessages + (job.progress.totalUsers ?? 0),
    createdAt: job.createdAt,
    ready: file && file.expiresAt > now ? { fileName: file.fileName, size: file.size, expiresAt: file.expiresAt } : null,
  };
}

/**
 * Whether this actor started the job: exports are handed only to whoever asked for them — the
 * person (requested_by) or the API key (requested_by_key_id), never one for the other.
 */
function startedBy(job: Pick<Job, "requestedBy" | "requestedByKeyId">, actor: LifecycleActor): boolean {
  return actor.kind === "api_key" ? job.requestedByKeyId === actor.id : job.requestedBy === actor.id;
}

/**
 * Starts building the organization's archive in the background (every plan, Admins or keys with
 * organization:export: it hands one person everyone's chats). Asking again while one's own is
 * being built answers that one; while someone else's is, `exportInProgress`.
 */
export async function requestExport(db: Db, caller: LifecycleActor | null): Promise<Result<{ export: ExportStatus; created: boolean }, ExportError>> {
  const door = guard(caller, "organization.export");
  if (!door.ok) return door;
  const { actor } = door;
  return db.transaction(async (tx) => {
    const [organization] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, actor.organization.id), eq(organizations.status, "active")))
      .for("no key update");
    if (!organization) return fail("organizationDeleted");
    const { job, created } = await startJob(tx, {
      kind: "export",
      organizationId: organization.id,
      requestedBy: personIdOf(actor),
      requestedByKeyId: actor.kind === "api_key" ? actor.id : null,
      // The worker counts the rows while it writes them: counting here, before answering, would
      // hold the request (and the whole export) for as long as a count of every message takes.
      progress: { chats: 0, messages: 0, rows: 0, totalChats: 0, totalMessages: 0, totalUsers: 0, counting: true },
    });
    // One export is built at a time per organization; someone else's is not handed to this actor.
    if (!created && !startedBy(job, actor)) return fail("exportInProgress");
    if (created) {
      await recordAudit(tx, { organizationId: organization.id, ...auditActorOf(actor), action: "organization.exportRequested", data: { jobId: job.id } });
    }
    return { ok: true as const, export: statusOf(job, undefined, new Date()), created };
  });
}

/** One export's progress (poll), for whoever started it. */
export async function getExportStatus(db: Db, caller: LifecycleActor | null, input: unknown, now = new Date()): Promise<Result<{ export: ExportStatus }, ExportError>> {
  const door = guard(caller, "organization.export", exportIdSchema, input, { invalid: () => fail("notFound") });
  if (!door.ok) return door;
  const job = await getJob(db, door.input.id);
  if (!job || job.kind !== "export" || job.organizationId !== door.actor.organization.id || !startedBy(job, door.actor)) return fail("notFound");
  const [file] = await db.select().from(organizationExports).where(eq(organizationExports.jobId, job.id));
  return { ok: true, export: statusOf(job, file, now) };
}

/** The actor's latest export, for the Organization page (none when they never asked or it is gone). */
export async function getLatestExport(db: Db, caller: LifecycleActor | null, now = new Date()): Promise<ExportStatus | null> {
  const door = guard(caller, "organization.export");
  if (!door.ok) return null;
  // The job and its file (if built yet) in one query.
  const [latest] = await db
    .select({ job: jobs, file: organizationExports })
    .from(jobs)
    .leftJoin(organizationExports, eq(organizationExports.jobId, jobs.id))
    .where(and(eq(jobs.organizationId, door.actor.organization.id), eq(jobs.kind, "export"), eq(jobs.requestedBy, door.actor.id), gt(jobs.createdAt, new Date(now.getTime() - exportLifetimeMs))))
    .orderBy(desc(jobs.createdAt))
    .limit(1);
  return latest ? statusOf(latest.job, latest.file ?? undefined, now) : null;
}

export type ExportDownload = { stream: Readable; fileName: string; size: number };

/**
 * Opens a finished archive for whoever started it, for a console route or an API route alike:
 * they pipe `stream` and name the file `fileName`. Audited.
 */
export async function openExportDownload(db: Db, caller: LifecycleActor | null, input: unknown, now = new Date()): Promise<Result<ExportDownload, ExportError>> {
  const door = guard(caller, "organization.export", exportIdSchema, input, { invalid: () => fail("notFound") });
  if (!door.ok) return door;
  const { actor } = door;
  const [row] = await db
    .select({ file: organizationExports, job: jobs })
    .from(organizationExports)
    .innerJoin(jobs, eq(jobs.id, organizationExports.jobId))
    .where(and(eq(organizationExports.jobId, door.input.id), eq(organizationExports.organizationId, actor.organization.id)));
  if (!row || !startedBy(row.job, actor)) return fail("notFound");
  if (row.file.expiresAt <= now) return fail("expired");
  let size: number;
  try {
    size = (await stat(exportFilePath(row.job.id))).size;
  } catch {
    return fail("expired");
  }
  await recordAudit(db, { organizationId: actor.organization.id, ...auditActorOf(actor), action: "organization.exportDownloaded", data: { jobId: row.job.id, bytes: size } });
  return { ok: true, stream: createReadStream(exportFilePath(row.job.id)), fileName: row.file.fileName, size };
}

/**
 * The daily round's part: archives past their 24 hours go, with their rows, and so do files no
 * row names any more (a build that crashed, an organization deleted since).
 */
export async function deleteExpiredExports(db: Db, now = new Date()): Promise<number> {
  const gone = await db.delete(organizationExports).where(lte(organizationExports.expiresAt, now)).returning({ jobId: organizationExports.jobId });
  for (const { jobId } of gone) await rm(exportFilePath(jobId), { force: true });
  const kept = new Set((await db.select({ jobId: organizationExports.jobId }).from(organizationExports)).map((row) => `${row.jobId}.zip`));
  let names: string[] = [];
  try {
    names = await readdir(exportDirectory());
  } catch {
    return gone.length;
  }
  for (const name of names) {
    if (kept.has(name) || !/^[0-9a-f-]{36}\.zip/.test(name)) continue;
    const file = path.join(exportDirectory(), name);
    const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: now.getTime() }));
    if (now.getTime() - mtimeMs > exportLifetimeMs) await rm(file, { force: true });
  }
  return gone.length;
}
