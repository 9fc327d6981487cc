// What "the database is unchanged" means for the fuzzers: one hash per table of all its rows.
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/lib/core/db";

export type Snapshot = { lsn: string; tables: Map<string, string> };

let query: ReturnType<typeof sql.raw> | undefined;

/** Every table of the public schema, hashed in one statement (cheap on the small seeded database). */
async function hashTables(db: Db): Promise<Map<string, string>> {
  if (!query) {
    // The WAL position is the cheap fingerprint: a table whose writes skip the WAL would slip past it.
    const unlogged = await queryRows<{ name: string }>(db, sql`select relname as name from pg_class where relpersistence = 'u' and relkind = 'r'`);
    if (unlogged.length > 0) throw new Error(`unlogged tables (${unlogged.map((row) => row.name).join(", ")}): the WAL position would not see their writes`);
    const tables = await queryRows<{ name: string }>(db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
    const parts = tables.map(({ name }) => `select '${name}' as name, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as hash from "${name}" t`);
    query = sql.raw(parts.join(" union all "));
  }
  const rows = await queryRows<{ name: string; hash: string }>(db, query);
  return new Map(rows.map((row) => [row.name, row.hash]));
}

/** The WAL position: a write anywhere moves it. Equal positions spare the hash of every table. */
async function walPosition(db: Db): Promise<string> {
  const [row] = await queryRows<{ lsn: string }>(db, sql`select pg_current_wal_insert_lsn()::text as lsn`);
  return row!.lsn;
}

export async function takeSnapshot(db: Db): Promise<Snapshot> {
  return { lsn: await walPosition(db), tables: await hashTables(db) };
}

/** Tables whose rows differ from the snapshot (none when the WAL did not move); `ignore` are allowed to change. */
export async function changedTables(db: Db, before: Snapshot, ignore: readonly string[] = []): Promise<{ changed: string[]; after: Snapshot }> {
  const lsn = await walPosition(db);
  if (lsn === before.lsn) return { changed: [], after: before };
  const tables = await hashTables(db);
  const changed = [...tables].filter(([name, hash]) => before.tables.get(name) !== hash && !ignore.includes(name)).map(([name]) => name);
  return { changed, after: { lsn: await walPosition(db), tables } };
}
