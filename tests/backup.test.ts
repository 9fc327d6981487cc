import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { getDatabase, openDatabase, type Db } from "@/db";
import { auditEvents, chats, jobs, organizations, users } from "@/db/schema";
import { queryRows } from "@/lib/core/db";
import { writeInternalApi } from "@/lib/core/internal-api";
import { seedDemo } from "@/lib/demo/seed";
import { claimJob, getJob } from "@/lib/jobs/jobs";
import { defaultWorkerOptions, drainJobs, processJob } from "@/lib/jobs/worker";
import { requestChatPurge } from "@/lib/organizations/organizations";
import { viewerOf, createChats } from "@/tests/support/factories";
import { fetchEmbeddedBackup, restoreEmbeddedBackup, writeFileAtomically } from "@/lib/backup/backup";

const options = { ...defaultWorkerOptions, batchSize: 2, batchTargetMs: 0, leaseMs: 60_000, pollMs: 20 };

/** Everything a round trip must keep, row for row (ordered, so two databases compare equal). */
async function snapshot(db: Db) {
  const rows = async (table: string, order: string) => queryRows(db, sql.raw(`select * from ${table} order by ${order}`));
  return {
    organizations: await rows("organizations", "id"),
    users: await rows("users", "id"),
    chats: await rows("chats", "id"),
    messages: await rows("messages", "id"),
    auditEvents: await rows("audit_events", "organization_id, sequence"),
    jobs: await rows("jobs", "id"),
    apiKeys: await rows("api_keys", "id"),
    invitations: await rows("invitations", "id"),
  };
}

describe("npm run db:backup and db:restore on the embedded database", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "backup-test-"));
  const dataDir = path.join(root, "pglite");
  let purgeJobId = "";
  let acmeId = "";

  beforeAll(async () => {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = dataDir;
  });

  afterAll(async () => {
    await (await getDatabase()).close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("round-trips the demo data and a purge in progress; the restored job resumes and completes", async () => {
    // The server's database: the demo, more chats, and a purge stopped after two batches (its job running, with progress).
    const server = await getDatabase();
    await seedDemo(server.db);
    const [admin] = await server.db.select().from(users).where(eq(users.email, "admin@example.com"));
    acmeId = admin!.organizationId;
    await createChats(server.db, acmeId, admin!.id, 7, 3);
    const request = await requestChatPurge(server.db, await viewerOf(server.db, admin!.id), { confirmation: "Acme Demo" });
    if (!request.ok) throw new Error(request.error);
    purgeJobId = request.job.id;
    const claimed = (await claimJob(server.db, options.leaseMs))!;
    expect(claimed.id).toBe(purgeJobId);
    expect(await processJob(server.db, claimed, options, { maxBatches: 2 })).toBe("stopped");
    const before = await snapshot(server.db);
    const running = before.jobs.find((job) => (job as { id: string }).id === purgeJobId) as { state: string; progress: { chats: number } };
    expect(running.state).toBe("running");
    expect(running.progress.chats).toBe(4);

    // The command asks the server through its internal API (the route handler, as the server runs it).
    const api = writeInternalApi(dataDir, "http://backup.test");
    const { POST } = await import("@/app/api/internal/db-backup/route");
    const realFetch = global.fetch;
    global.fetch = (async (url: string, init: RequestInit) => POST(new Request(url, init))) as typeof fetch;
    let backup: Awaited<ReturnType<typeof fetchEmbeddedBackup>>;
    try {
      expect((await POST(new Request("http://backup.test/api/internal/db-backup", { method: "POST" }))).status).toBe(404);
      expect((await POST(new Request("http://backup.test/api/internal/db-backup", { method: "POST", headers: { authorization: "Bearer wrong" } }))).status).toBe(404);
      backup = await fetchEmbeddedBackup(dataDir);
    } finally {
      global.fetch = realFetch;
    }
    if (!backup.ok) throw new Error(backup.error);
    expect(api.token).toBeTruthy();
    const file = path.join(root, "backup.tar.gz");
    writeFileAtomically(file, backup.bytes);
    // The server goes on working after the copy: none of this is in the backup.
    await server.db.update(organizations).set({ name: "Renamed after the backup" }).where(eq(organizations.id, acmeId));

    // Restored into a new folder (the server's process ID is this test's, so it does not count as another holder).
    const restoredDir = path.join(root, "restored", "pglite");
    const restored = await restoreEmbeddedBackup({ file, dataDir: restoredDir });
    expect(restored).toMatchObject({ ok: true, movedAside: null, counts: { unfinishedJobs: 1 } });
    const copy = await openDatabase({ dataDir: restoredDir });
    try {
      expect(await snapshot(copy.db)).toEqual(before);
      // The purge resumes once the lease of the worker that held it runs out, and completes.
      await copy.db.update(jobs).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(jobs.id, purgeJobId));
      expect(await drainJobs(copy.db, options)).toBe(1);
      const job = await getJob(copy.db, purgeJobId);
      const total = (before.chats as { organization_id: string }[]).filter((chat) => chat.organization_id === acmeId).length + running.progress.chats;
      expect(job).toMatchObject({ state: "done", attempts: 2, progress: { chats: total } });
      expect(await copy.db.select().from(chats).where(eq(chats.organizationId, acmeId))).toHaveLength(0);
      const events = await copy.db.select().from(auditEvents).where(eq(auditEvents.organizationId, acmeId)).orderBy(asc(auditEvents.sequence));
      expect(events.at(-1)).toMatchObject({ action: "organization.chatsPurged", data: { chats: total, jobId: purgeJobId } });
    } finally {
      await copy.close();
    }
  }, 300_000);

  it("refuses a folder that holds a database, unless --force moves it aside; a file that is no backup changes nothing", async () => {
    const file = path.join(root, "backup.tar.gz");
    const target = path.join(root, "restored", "pglite");
    expect(await restoreEmbeddedBackup({ file, dataDir: target })).toMatchObject({ ok: false, error: "targetExists" });
    const forced = await restoreEmbeddedBackup({ file, dataDir: target, force: true, now: new Date("2026-01-02T03:04:05Z") });
    expect(forced).toMatchObject({ ok: true, movedAside: `${target}.before-restore-2026-01-02T03-04-05-000Z` });
    expect(fs.existsSync(path.join(`${target}.before-restore-2026-01-02T03-04-05-000Z`, "PG_VERSION"))).toBe(true);

    const junk = path.join(root, "junk.tar.gz");
    fs.writeFileSync(junk, "not a backup");
    const fresh = path.join(root, "fresh", "pglite");
    expect(await restoreEmbeddedBackup({ file: junk, dataDir: fresh })).toMatchObject({ ok: false, error: "notABackup" });
    expect(fs.existsSync(fresh)).toBe(false);
    expect(await restoreEmbeddedBackup({ file: path.join(root, "missing"), dataDir: fresh })).toMatchObject({ ok: false, error: "noFile" });
  }, 300_000);

  it("refuses while a live process holds the folder, not when the file names a program that is not one", async () => {
    const target = path.join(root, "held", "pglite");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // A Node.js process stands for a running server; `sleep` for the program that got a crashed server's number.
    const server = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    const stranger = spawn("sleep", ["60"], { stdio: "ignore" });
    try {
      fs.writeFileSync(`${target}.owner-pid`, String(server.pid));
      expect(await restoreEmbeddedBackup({ file: path.join(root, "missing.tar.gz"), dataDir: target })).toEqual({ ok: false, error: "serverRunning", pid: server.pid });
      expect(fs.existsSync(target)).toBe(false);
      fs.writeFileSync(`${target}.owner-pid`, String(stranger.pid));
      expect(await restoreEmbeddedBackup({ file: path.join(root, "missing.tar.gz"), dataDir: target })).toMatchObject({ ok: false, error: "noFile" });
    } finally {
      server.kill();
      stranger.kill();
    }
  });
});
