import "server-only";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/db";
import { embeddedHolder } from "@/db/embedded-holder";
import { queryRows } from "@/lib/core/db";
import { readInternalApi } from "@/lib/core/internal-api";

/**
 * Backups of the embedded database (`npm run db:backup` and `npm run db:restore`). PGlite's folder
 * serves one process: the running server takes the copy (a gzipped tarball of the folder, after a
 * checkpoint) and hands it to the command through its internal API; a restore writes a NEW folder
 * while no server runs. PostgreSQL uses its own tools (pg_dump, pg_restore).
 */

export type BackupError = "noServer" | "serverRefused" | "serverUnreachable";

/** Asks the running server for a copy of its embedded database. */
export async function fetchEmbeddedBackup(dataDir: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: BackupError; detail?: string }> {
  const api = readInternalApi(dataDir);
  if (!api) return { ok: false, error: "noServer" };
  try {
    const response = await fetch(`${api.url}/api/internal/db-backup`, { method: "POST", headers: { authorization: `Bearer ${api.token}` } });
    if (!response.ok) return { ok: false, error: "serverRefused", detail: String(response.status) };
    return { ok: true, bytes: new Uint8Array(await response.arrayBuffer()) };
  } catch (error) {
    return { ok: false, error: "serverUnreachable", detail: `${api.url}: ${(error as Error).message}` };
  }
}

/** A file written whole or not at all: a temporary name next to it, then a rename. */
export function writeFileAtomically(file: string, bytes: Uint8Array): void {
  const temporary = `${file}.partial-${process.pid}`;
  try {
    fs.writeFileSync(temporary, bytes, { mode: 0o600, flag: "wx" });
    const handle = fs.openSync(temporary, "r");
    fs.fsyncSync(handle);
    fs.closeSync(handle);
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

export type RestoreCounts = { organizations: number; users: number; chats: number; messages: number; auditEvents: number; unfinishedJobs: number };
export type RestoreResult =
  | { ok: true; counts: RestoreCounts; movedAside: string | null }
  | { ok: false; error: "serverRunning"; pid: number }
  | { ok: false; error: "targetExists" | "noFile" | "notABackup"; detail?: string };

const isEmptyOrMissing = (dir: string) => !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;

/**
 * Restores a tarball into `dataDir`, which must not hold a database (`force` moves the old folder
 * aside, never deletes it), while no server holds it. The restored database is opened once here:
 * migrations newer than the backup run, and the counts are read back.
 */
export async function restoreEmbeddedBackup(options: { file: string; dataDir: string; force?: boolean; now?: Date }): Promise<RestoreResult> {
  const { file, dataDir } = options;
  const holder = embeddedHolder(dataDir);
  if (holder) return { ok: false, error: "serverRunning", pid: holder };
  if (!fs.existsSync(file)) return { ok: false, error: "noFile", detail: file };
  let movedAside: string | null = null;
  if (!isEmptyOrMissing(dataDir)) {
    if (!options.force) return { ok: false, error: "targetExists", detail: dataDir };
    movedAside = `${dataDir}.before-restore-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, "-")}`;
    fs.renameSync(dataDir, movedAside);
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const bytes = fs.readFileSync(file);
  try {
    const database = await openDatabase({ dataDir, loadDataDir: new Blob([bytes], { type: "application/x-gzip" }) });
    try {
      const [counts] = await queryRows<RestoreCounts>(
        database.db,
        sql`select (select count(*)::int from organizations) as organizations, (select count(*)::int from users) as users,
          (select count(*)::int from chats) as chats, (select count(*)::int from messages) as messages,
          (select count(*)::int from audit_events) as "auditEvents",
          (select count(*)::int from jobs where state in ('queued', 'running')) as "unfinishedJobs"`,
      );
      return { ok: true, counts: counts!, movedAside };
    } finally {
      await database.close();
    }
  } catch (error) {
    // Leave no half-restored folder behind; the old one comes back.
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (movedAside) fs.renameSync(movedAside, dataDir);
    return { ok: false, error: "notABackup", detail: (error as Error).message };
  }
}

/** The password of a connection URL goes to pg_dump by environment, never on its command line. */
export function pgToolConnection(databaseUrl: string): { url: string; env: Record<string, string> } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { url: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}
