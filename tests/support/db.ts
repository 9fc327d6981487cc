import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "@/db";

export type ScratchDatabase = Database & { url: string; name: string };

/**
 * A new database on a PostgreSQL server, migrated; `close()` drops it again (unless `keep`).
 * Tests and benchmarks both take one, so neither depends on leftovers.
 */
export async function createScratchDatabase(serverUrl: string, prefix: string, options: { keep?: boolean; template?: string } = {}): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  // A template (a database kept by an earlier run, nobody connected to it) is copied file by file.
  await admin.unsafe(options.template ? `create database ${name} template "${options.template.replaceAll('"', '""')}"` : `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  return {
    ...database,
    url: url.toString(),
    name,
    close: async () => {
      await database.close();
      await admin.end();
      if (options.keep) console.log(`kept database ${name}`);
      else await dropScratchDatabase(serverUrl, name);
    },
  };
}

/** Drops a database of the server at `serverUrl`, closing whatever connections it still has. */
export async function dropScratchDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name.replaceAll('"', '""')}" with (force)`);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new database
 * on the PostgreSQL server of `DATABASE_URL`, dropped again by `close()`.
 */
export async function openTestDatabase(): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabase({ dataDir: "memory://" });
  // TEST_DATABASE_PREFIX lets parallel checkouts on one server tell their scratch databases apart.
  return createScratchDatabase(serverUrl, process.env.TEST_DATABASE_PREFIX ?? "org_console_test");
}

/**
 * This test file's database, opened before its tests and closed after them:
 * `const database = testDatabaseForThisFile();` at the top of the file, then `database.db` in each test.
 */
export function testDatabaseForThisFile(): Database {
  const database = {} as Database;
  beforeAll(async () => {
    Object.assign(database, await openTestDatabase());
  });
  afterAll(async () => {
    await database.close();
  });
  return database;
}
