import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql, type SQL } from "drizzle-orm";
import { ZipFile } from "yazl";
import { organizationExports, type Job } from "@/db/schema";
import type { Db } from "@/lib/core/db";
import { queryRows } from "@/lib/core/db";
import { BinaryRow, ByteWriter, ConstantBytes, copyClientOf, copyFormatted, copyText } from "@/lib/core/copy";
import { recordAudit } from "@/lib/audit/record";
import { countOrganizationContent, LeaseLostError, recordProgress } from "./jobs";
import { switchZipCrc32ToNative } from "./zip-crc";

/** How long a finished export stays downloadable; the daily round deletes it after that. */
export const exportLifetimeMs = 24 * 60 * 60 * 1000;

/** Where export archives live: `EXPORT_DIR`, else a temporary folder in tests, else `.data/exports`. */
export function exportDirectory(): string {
  if (process.env.EXPORT_DIR) return path.resolve(process.env.EXPORT_DIR);
  // One folder per test process: a test file that removes its folder never takes another's file.
  if (process.env.NODE_ENV === "test") return path.join(os.tmpdir(), `org-console-exports-${process.pid}`);
  return path.resolve(".data", "exports");
}

export function exportFilePath(jobId: string): string {
  return path.join(exportDirectory(), `${jobId}.zip`);
}

type Page = (after: number, limit: number) => SQL;

/** A file's rows by `COPY … (FORMAT binary)` on PostgreSQL: the raw columns, and the line they make. */
type Copy = { query: SQL; columns: number; line: (row: BinaryRow, out: ByteWriter) => void };


/** A timestamptz as the COPY path writes it in JSON (`ByteWriter.timestamp`), from microseconds since 2000-01-01. */
function jsonTimestampUtc(micros: number): string {
  const row = new BinaryRow(1);
  row.buffer = Buffer.alloc(8);
  row.buffer.writeBigInt64BE(BigInt(micros));
  row.lengths[0] = 8;
  const out = new ByteWriter(64);
  out.timestamp(row, 0, "json");
  return out.take().toString("latin1");
}

/** The constant runs between a JSON line's values, encoded once: `{"a" : `, `, "b" : `, …, then `}` and a line break. */
function keysOf(...names: string[]): ConstantBytes[] {
  return [...names.map((name, index) => new ConstantBytes(`${index === 0 ? "{" : ", "}"${name}" : `)), new ConstantBytes("}\n")];
}

const chatKeys = keysOf("id", "userId", "title", "createdAt", "updatedAt");
const messageKeys = keysOf("id", "chatId", "author", "body", "createdAt");
const auditKeys = keysOf("id", "actorId", "action", "target", "data", "createdAt");

/**
 * The archive's files. Each is written by a query that builds its JSON lines in the database, page
 * after page in key order, so memory holds one page at most. Password hashes, token hashes and
 * identity-provider secrets are never selected.
 */
function exportFiles(organizationId: string): { name: string; page: Page; key: "id" | "chat"; copy?: Copy }[] {
  return [
    {
      name: "organization.ndjson",
      key: "id",
      page: (after) =>
        sql`select 1 as key, json_build_object('id', id, 'name', name, 'plan', plan, 'status', status,
          'chatRetentionDays', chat_retention_days, 'createdAt', created_at, 'updatedAt', updated_at)::text as line
          from organizations where id = ${organizationId} and ${after} = 0`,
    },
    {
      name: "members.ndjson",
      key: "id",
      page: (after, limit) =>
        sql`select row_number() over (order by id) + ${after} as key, line from (
          select id, json_build_object('id', id, 'email', email, 'name', name, 'locale', locale, 'role', role,
            'billing', billing, 'createdAt', created_at)::text as line
          from users where organization_id = ${organizationId} order by id offset ${after} limit ${limit}) page`,
    },
    {
      name: "chats.ndjson",
      key: "id",
      page: (after, limit) =>
        sql`select id as key, json_build_object('id', id, 'userId', user_id, 'title', title, 'createdAt', created_at,
          'updatedAt', updated_at)::text as line
          from chats where organization_id = ${organizationId} and id > ${after} order by id limit ${limit}`,
      copy: {
        query: sql`select id, user_id, title, created_at, updated_at from chats where organization_id = ${organizationId} order by id`,
        columns: 5,
        // Each value straight into the output buffer, as json_build_object writes it: no string per row.
        line: (row, out) => {
          out.bytes(chatKeys[0]!);
          out.integer(row, 0);
          out.bytes(chatKeys[1]!);
          out.uuid(row, 1, true);
          out.bytes(chatKeys[2]!);
          out.json(row, 2);
          out.bytes(chatKeys[3]!);
          out.timestamp(row, 3, "json");
          out.bytes(chatKeys[4]!);
          out.timestamp(row, 4, "json");
          out.bytes(chatKeys[5]!);
        },
      },
    },
    {
      // Messages follow their chats: one page is the messages of the next chats in id order, then a
      // last line-less row naming the last of those chats, where the next page starts.
      name: "messages.ndjson",
      key: "chat",
      page: (after, limit) =>
        sql`with next_chats as (
            select id from chats where organization_id = ${organizationId} and id > ${after} order by id limit ${Math.max(1, Math.floor(limit / 10))}
          )
          select key, line from (
            select m.chat_id as key, m.id as message, json_build_object('id', m.id, 'chatId', m.chat_id, 'author', m.author,
              'body', m.body, 'createdAt', m.created_at)::text as line
            from messages m where m.chat_id in (select id from next_chats)
            union all select max(id), null, null from next_chats having count(*) > 0
          ) page order by key, message nulls last`,
      copy: {
        query: sql`select m.id, m.chat_id, m.author, m.body, m.created_at from messages m join chats c on c.id = m.chat_id
          where c.organization_id = ${organizationId} order by m.chat_id, m.id`,
        columns: 5,
        line: (row, out) => {
          out.bytes(messageKeys[0]!);
          out.integer(row, 0);
          out.bytes(messageKeys[1]!);
          out.integer(row, 1);
          out.bytes(messageKeys[2]!);
          out.json(row, 2);
          out.bytes(messageKeys[3]!);
          out.json(row, 3);
          out.bytes(messageKeys[4]!);
          out.timestamp(row, 4, "json");
          out.bytes(messageKeys[5]!);
        },
      },
    },
    {
      name: "invitations.ndjson",
      key: "id",
      page: (after, limit) =>
        sql`select row_number() over (order by created_at, id) + ${after} as key, line from (
          select created_at, id, json_build_object('id', id, 'email', email, 'role', role, 'billing', billing,
            'invitedBy', invited_by, 'expiresAt', expires_at, 'acceptedAt', accepted_at, 'revokedAt', revoked_at,
            'createdAt', created_at)::text as line
          from invitations where organization_id = ${organizationId} order by created_at, id offset ${after} limit ${limit}) page`,
    },
    {
      name: "audit-events.ndjson",
      key: "id",
      page: (after, limit) =>
        sql`select id as key, json_build_object('id', id, 'actorId', actor_id, 'action', action, 'target', target,
          'data', data, 'createdAt', created_at)::text as line
          from audit_events where organization_id = ${organizationId} and id > ${after} order by id limit ${limit}`,
      copy: {
        query: sql`select id, actor_id, action, target, data, created_at from audit_events where organization_id = ${organizationId} order by id`,
        columns: 6,
        line: (row, out) => {
          out.bytes(auditKeys[0]!);
          out.integer(row, 0);
          out.bytes(auditKeys[1]!);
          out.uuid(row, 1, true);
          out.bytes(auditKeys[2]!);
          out.json(row, 2);
          out.bytes(auditKeys[3]!);
          out.json(row, 3);
          out.bytes(auditKeys[4]!);
          out.raw(row, 4, 1);
          out.bytes(auditKeys[5]!);
          out.timestamp(row, 5, "json");
          out.bytes(auditKeys[6]!);
        },
      },
    },
  ];
}

export const exportReadme = `Org Console — organization export

Every file but this one is NDJSON: one JSON object per line, UTF-8, times in ISO 8601 (UTC).

organization.ndjson   the organization: ID, name, plan, status, chat retention (days, or null when off), dates
members.ndjson        one line per member: ID, email, name, language, role (admin or member), Billing role, date joined
                      (passwords are never exported, not even hashed)
chats.ndjson          one line per chat: ID, author's member ID, title, dates
messages.ndjson       one line per message, in chat order: ID, chat ID, author, text, date
invitations.ndjson    one line per invitation: email, role, Billing role, who invited, expiry, accepted or revoked dates
                      (the invitation links themselves are never exported)
audit-events.ndjson   the audit log: one line per event, with the member ID of who acted, the action, its target and details

The archive is kept for 24 hours on the server, then deleted.
`;

type BuildOptions = { leaseMs: number; pageSize: number; shouldStop?: () => boolean; maxPages?: number; copy?: boolean };

/**
 * Whether this database writes timestamps in JSON as `jsonTimestampUtc` does: PostgreSQL through
 * postgres.js, in a session whose time zone is UTC (two samples, winter and summer). Elsewhere the
 * files come from the paged queries, whose lines PostgreSQL builds itself.
 */
export async function canCopy(db: Db): Promise<boolean> {
  if (!copyClientOf(db)) return false;
  const samples = ["2001-02-03 04:05:06.7+00", "2001-07-03 04:05:06+00"];
  const [row] = await queryRows<{ winter: string; summer: string }>(
    db,
    sql`select to_json(${samples[0]}::timestamptz)::text as winter, to_json(${samples[1]}::timestamptz)::text as summer`,
  );
  return row?.winter === jsonTimestampUtc(34_488_306_700_000) && row?.summer === jsonTimestampUtc(47_448_306_000_000);
}

class Stopped extends Error {}

/** Counts what the export will write and puts the totals in the job's progress (not yet saved). */
async function countTotals(db: Db, job: Job): Promise<void> {
  const totals = await countOrganizationContent(db, job.organizationId!);
  const { counting: _, ...progress } = job.progress;
  job.progress = { ...progress, totalChats: totals.chats, totalMessages: totals.messages, totalUsers: totals.users };
}

/**
 * Writes the organization's ZIP to `<job id>.zip.partial`, renames it when complete and records
 * it (kept 24 hours). A worker that stops mid-way leaves the lease to run out; the next one starts
 * the archive again from the beginning (a partial file is never served).
 */
export async function buildExport(db: Db, job: Job, options: BuildOptions): Promise<void> {
  const organizationId = job.organizationId!;
  const directory = exportDirectory();
  await mkdir(directory, { recursive: true });
  const finalPath = exportFilePath(job.id);
  // One partial file per attempt: a worker that lost its lease never writes over its successor's.
  const partialPath = `${finalPath}.${job.attempts}.partial`;
  let rows = 0;
  let pages = 0;
  let lastSaved = Date.now();
  const progress = () => ({ ...job.progress, rows });
  // The progress bar's total, counted beside the writing rather than before it: on PostgreSQL the
  // count runs on another connection while the first files stream. Saved with the next progress.
  const counted = job.progress.counting ? countTotals(db, job) : Promise.resolve();
  const copy = options.copy !== false && (await canCopy(db));

  async function* lines(file: ReturnType<typeof exportFiles>[number]) {
    if (copy && file.copy) {
      const { line } = file.copy;
      const chunks = copyFormatted(db, copyText(file.copy.query), {
        columns: file.copy.columns,
        format: (row, out) => {
          rows += 1;
          line(row, out);
        },
      })!;
      // Leaving this loop early (a stop, a failure) ends the generator, which cancels the COPY.
      for await (const chunk of chunks) {
        if (options.shouldStop?.() || (options.maxPages !== undefined && pages >= options.maxPages)) throw new Stopped();
        pages += 1;
        yield chunk;
        if (Date.now() - lastSaved > 1000) {
          lastSaved = Date.now();
          await recordProgress(db, job, { progress: progress(), leaseMs: options.leaseMs });
        }
      }
      return;
    }
    let after = 0;
    while (true) {
      if (options.shouldStop?.() || (options.maxPages !== undefined && pages >= options.maxPages)) throw new Stopped();
      const page = await queryRows<{ key: number | string | null; line: string | null }>(db, file.page(after, options.pageSize));
      pages += 1;
      if (page.length === 0) return;
      const chunk: string[] = [];
      for (const row of page) if (row.line !== null) chunk.push(row.line);
      rows += chunk.length;
      if (chunk.length > 0) yield chunk.join("\n") + "\n";
      after = Number(page[page.length - 1]!.key);
      if (file.name === "organization.ndjson") return;
      if (Date.now() - lastSaved > 1000) {
        lastSaved = Date.now();
        await recordProgress(db, job, { progress: progress(), leaseMs: options.leaseMs });
      }
    }
  }

  switchZipCrc32ToNative();
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  // yazl reports a failed entry on the ZipFile, and a failed source not at all: both end the output.
  zip.on("error", (error: Error) => output.destroy(error));
  const written = pipeline(output, createWriteStream(partialPath));
  try {
    zip.addBuffer(Buffer.from(exportReadme), "README.txt");
    const files = exportFiles(organizationId);
    // yazl reads its entries one after the other: each file's query starts when the previous file ends.
    for (const file of files) {
      zip.addReadStreamLazy(file.name, (callback) => {
        const source = Readable.from(lines(file), { objectMode: false });
        source.on("error", (error) => output.destroy(error));
        callback(null, source);
      });
    }
    zip.end();
    await written;
    await counted;
  } catch (error) {
    output.destroy();
    await written.catch(() => undefined);
    await counted.catch(() => undefined);
    await rm(partialPath, { force: true });
    if (error instanceof Stopped) return;
    throw error;
  }
  await rename(partialPath, finalPath);
  const { size } = await stat(finalPath);
  try {
    await db.transaction(async (tx) => {
      const now = new Date();
      await tx
        .insert(organizationExports)
        .values({
          organizationId,
          jobId: job.id,
          requestedByUserId: job.requestedBy,
          requestedByKeyId: job.requestedByKeyId,
          fileName: exportDownloadName(organizationId, now),
          size,
          createdAt: now,
          expiresAt: new Date(now.getTime() + exportLifetimeMs),
        })
        .onConflictDoNothing();
      await recordAudit(tx, { organizationId, actorId: job.requestedBy, action: "organization.exportReady", data: { rows, bytes: size, jobId: job.id } });
      await recordProgress(tx, job, { progress: progress(), leaseMs: options.leaseMs, finished: true });
    });
  } catch (error) {
    if (error instanceof LeaseLostError) return;
    throw error;
  }
  job.progress = progress();
}

export function exportDownloadName(organizationId: string, at: Date): string {
  return `org-console-export-${organizationId.slice(0, 8)}-${at.toISOString().slice(0, 10)}.zip`;
}
