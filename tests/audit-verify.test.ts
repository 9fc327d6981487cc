import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, asc, eq, sql } from "drizzle-orm";
import { auditEvents, organizations } from "@/db/schema";
import { seedDemo } from "@/lib/demo/seed";
import { writeInternalApi } from "@/lib/core/internal-api";
import { createScratchDatabase, type ScratchDatabase } from "@/tests/support/db";

const run = promisify(execFile);

/** `npm run audit:verify`, as an operator runs it, with this environment. */
async function auditVerify(env: Record<string, string>, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const cleanEnv: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: "", ...env };
  if (!env.DATABASE_URL) delete cleanEnv.DATABASE_URL;
  try {
    const { stdout, stderr } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/audit/verify-cli.ts", ...args], { env: cleanEnv });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const serverUrl = process.env.DATABASE_URL;
const onPostgres = serverUrl ? describe : describe.skip;

onPostgres("npm run audit:verify on PostgreSQL", () => {
  let database: ScratchDatabase;
  beforeAll(async () => {
    database = await createScratchDatabase(serverUrl!, "auditchain_cli");
    await seedDemo(database.db);
  }, 60_000);
  afterAll(async () => {
    await database.close();
  });

  it("exits 0 on the demo data, then names the one event changed with the triggers off and exits 1", async () => {
    const env = { DATABASE_URL: database.url, AUDIT_CHAIN_KEY: process.env.AUDIT_CHAIN_KEY! };
    const intact = await auditVerify(env);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/intact \(6 chained events\)/);
    const [acme] = await database.db.select().from(organizations).where(eq(organizations.name, "Acme Demo"));
    const [, renamed] = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, acme!.id)).orderBy(asc(auditEvents.sequence));
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_never_edited`);
      await tx.execute(sql`update audit_events set data = '{"from":"Acme","to":"Evil Corp"}' where id = ${renamed!.id}`);
      await tx.execute(sql`alter table audit_events enable trigger audit_events_never_edited`);
    });
    const broken = await auditVerify(env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`${acme!.id}: BROKEN at event ${renamed!.id} (sequence 2): its content or hash was changed`);
    const one = await auditVerify(env, ["--organization", acme!.id]);
    expect(one.code).toBe(1);
    expect(one.stdout.trim().split("\n")).toHaveLength(1);
    // Someone with the database but not the key cannot make it pass again.
    const wrongKey = await auditVerify({ ...env, AUDIT_CHAIN_KEY: "a-different-key-of-more-than-32-characters" });
    expect(wrongKey.code).toBe(1);
    expect(await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, acme!.id)))).toHaveLength(6);
  }, 60_000);
});

describe("npm run audit:verify on the embedded database", () => {
  it("never opens it: without a running server it says to start one and exits 2", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "auditchain-cli-"));
    const result = await auditVerify({ PGLITE_DIR: path.join(dataDir, "pglite") });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/start it/);
    expect(fs.existsSync(path.join(dataDir, "pglite"))).toBe(false);
  }, 60_000);

  it("the server's internal endpoint answers only the token it wrote next to the database, readable by its user alone", async () => {
    delete process.env.DATABASE_URL;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "auditchain-api-"));
    const api = writeInternalApi(path.join(dataDir, "pglite"), "http://127.0.0.1:1");
    expect(fs.statSync(path.join(dataDir, "internal-api.json")).mode & 0o077).toBe(0);
    process.env.PGLITE_DIR = path.join(dataDir, "pglite");
    const { POST } = await import("@/app/api/internal/audit-verify/route");
    const ask = (authorization?: string) =>
      POST(new Request("http://localhost/api/internal/audit-verify", { method: "POST", body: "{}", headers: authorization ? { authorization } : {} }));
    expect((await ask()).status).toBe(404);
    expect((await ask("Bearer not-the-token")).status).toBe(404);
    const answer = await ask(`Bearer ${api.token}`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ results: [] });
  }, 60_000);
});
