import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  driver: "postgres" | "pglite";
  close: () => Promise<void>;
  /**
   * PGlite only: a gzipped tarball of the data folder, taken between two statements after a
   * checkpoint, by the one process that holds it (`npm run db:backup`).
   */
  dumpDataDir?: () => Promise<Blob>;
  /**
   * PostgreSQL only: calls `onNotify` on each `NOTIFY` on `channel` (one connection of its own,
   * listening again after a reconnection).
   */
  listen?: (channel: string, onNotify: () => void) => Promise<void>;
};

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Connections per instance on PostgreSQL: `DATABASE_POOL_SIZE`, or 5 when unset or not a positive whole number. */
function databasePoolSize(): number {
  const size = Number(process.env.DATABASE_POOL_SIZE ?? 5);
  return Number.isSafeInteger(size) && size > 0 ? size : 5;
}

/** Opens PostgreSQL when a URL is given, else PGlite (a folder, or `memory://`), and migrates it. */
export async function openDatabase(options: { url?: string; dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database> {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(options.url, {
      // Five, not more: when every connection is busy postgres.js pipelines further queries onto them,
      // one socket write for several statements. On the 2-core benchmark machine a pool of 5 served
      // the Organization page 20–25 % faster than 10 at 10 and 50 connections, with a lower p99, and
      // no slower at 1 (README, "Benchmarks"). Raise it when PostgreSQL runs on its own, larger host.
      max: databasePoolSize(),
      onnotice: () => {},
      // A database that is down or unreachable fails fast (a 503), rather than holding requests.
      connect_timeout: Number(process.env.DATABASE_CONNECT_TIMEOUT_SECONDS ?? 2),
      // postgres.js waits up to 20 s between reconnections after repeated failures: capped at 0.5 s,
      // requests during an outage fail at once (503) and the first ones after it find the database.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
      // No statement may run away: PostgreSQL cancels it past this budget (the purge's batches stay far below).
      connection: { statement_timeout: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 30_000) },
    });
    const db = drizzle({ client, schema });
    // Several instances may start together: one migrates (on one connection, holding a lock) while the others wait.
    const migrator = postgres(options.url, { max: 1, onnotice: () => {} });
    try {
      await migrator`select pg_advisory_lock(7261001)`;
      await migrate(drizzle({ client: migrator }), { migrationsFolder });
      await migrator`select pg_advisory_unlock(7261001)`;
    } finally {
      await migrator.end({ timeout: 5 });
    }
    const listen = async (channel: string, onNotify: () => void) => {
      await client.listen(channel, () => onNotify());
    };
    return { db: db as unknown as Db, driver: "postgres", close: () => client.end({ timeout: 5 }), listen };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  // Every commit waits for its write to the folder before it is acknowledged (relaxedDurability off,
  // PGlite's default, kept explicit): `npm run fault:pglite-kill` checks that kill -9 loses none.
  const client = new PGlite(options.dataDir ?? "memory://", { relaxedDurability: false, loadDataDir: options.loadDataDir });
  await client.waitReady;
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder });
  // Inside PGlite's transaction lock, so no other transaction is half done in the copy; a checkpoint
  // first, so the copy opens without replaying the log. The tarball is read while no statement runs.
  const dumpDataDir = () =>
    client.transaction(async (tx) => {
      await tx.exec("checkpoint");
      return client.dumpDataDir("gzip");
    });
  return { db: db as unknown as Db, driver: "pglite", close: () => client.close(), dumpDataDir };
}

export function embeddedDataDir(): string {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

/** The file where the process holding `.data/pglite` writes its process ID (PGlite serves one process only). */
export function embeddedOwnerFile(dataDir = embeddedDataDir()): string {
  return `${dataDir}.owner-pid`;
}

type Holder = { opening?: Promise<Database> };
const holder = globalThis as typeof globalThis & { __orgConsoleDb?: Holder };

/** The application's database: one per process, kept on globalThis so dev reloads reuse it. */
export function getDatabase(): Promise<Database> {
  holder.__orgConsoleDb ??= {};
  const slot = holder.__orgConsoleDb;
  slot.opening ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (url) return openDatabase({ url });
    const fs = await import("node:fs");
    const dataDir = embeddedDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    // Names the process that holds the embedded database, so a command-line tool can refuse to open it too.
    fs.writeFileSync(embeddedOwnerFile(), String(process.pid));
    return openDatabase({ dataDir });
  })().catch((error: unknown) => {
    slot.opening = undefined;
    throw error;
  });
  return slot.opening;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** True when the database answers a trivial query. */
export async function isDatabaseUp(): Promise<boolean> {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
