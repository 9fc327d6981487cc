import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "@/db";

// Scaled out, every instance and the worker migrate at start, together, on one PostgreSQL database:
// the advisory lock in openDatabase lets one migrate while the others wait and then find it done.
// Only PostgreSQL can race (an embedded PGlite database serves one process).
const serverUrl = process.env.DATABASE_URL;
const onPostgres = serverUrl?.startsWith("postgres") ? describe : describe.skip;

onPostgres("migrations started together on an empty PostgreSQL database", () => {
  it("all open, and each migration is applied exactly once", async () => {
    const name = `${process.env.TEST_DATABASE_PREFIX ?? "org_console_test"}_race_${randomBytes(4).toString("hex")}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const opened: Database[] = [];
    try {
      const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => openDatabase({ url: url.toString() })));
      for (const outcome of outcomes) if (outcome.status === "fulfilled") opened.push(outcome.value);
      expect(outcomes.filter((outcome) => outcome.status === "rejected").map((outcome) => String((outcome as PromiseRejectedResult).reason))).toEqual([]);
      const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
      const [row] = await client.unsafe<{ count: number; distinct: number }[]>("select count(*)::int as count, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations");
      await client.end();
      const files = fs.readdirSync(path.join(process.cwd(), "db", "migrations")).filter((file) => file.endsWith(".sql")).length;
      expect(row).toEqual({ count: files, distinct: files });
    } finally {
      await Promise.all(opened.map((database) => database.close()));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
