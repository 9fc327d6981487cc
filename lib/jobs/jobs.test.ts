import { eq, sql } from "drizzle-orm";
import { chats, jobs } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, createChats, viewerOf } from "@/tests/support/factories";
import { queryRows } from "@/lib/core/db";
import { claimJob, getJob, startJob } from "./jobs";
import { requestChatPurge, requestOrganizationDeletion } from "@/lib/organizations/organizations";
import { defaultWorkerOptions, drainJobs, nextBatchSize, processJob, startWorker } from "./worker";

const database = testDatabaseForThisFile();

const options = { ...defaultWorkerOptions, batchSize: 2, batchTargetMs: 0, leaseMs: 60_000, pollMs: 20 };

async function chatCount(organizationId: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from chats where organization_id = ${organizationId}`);
  return row!.count;
}

describe("background jobs", () => {
  it("starting the same job twice finds the first one", async () => {
    const { organization } = await createCast(database.db);
    const progress = { chats: 0, messages: 0, totalChats: 0, totalMessages: 0 };
    const first = await startJob(database.db, { kind: "purge_chats", organizationId: organization.id, requestedBy: null, progress });
    const second = await startJob(database.db, { kind: "purge_chats", organizationId: organization.id, requestedBy: null, progress });
    expect(first.created).toBe(true);
    expect(second).toEqual({ job: first.job, created: false });
    await drainJobs(database.db, options);
  });

  it("a purge killed half-way resumes after its lease runs out and ends as if nothing had happened", async () => {
    const cast = await createCast(database.db);
    await createChats(database.db, cast.organization.id, cast.member.id, 9, 3);
    const other = await createCast(database.db);
    await createChats(database.db, other.organization.id, other.member.id, 5, 2);
    const admin = await viewerOf(database.db, cast.admin.id);
    const request = await requestChatPurge(database.db, admin, { confirmation: cast.organization.name });
    if (!request.ok) throw new Error(request.error);

    const claimed = (await claimJob(database.db, options.leaseMs))!;
    expect(claimed.id).toBe(request.job.id);
    // The worker dies after two batches: its lease still holds, so nobody else takes the job yet.
    expect(await processJob(database.db, claimed, options, { maxBatches: 2 })).toBe("stopped");
    expect(await chatCount(cast.organization.id)).toBe(5);
    expect(await claimJob(database.db, options.leaseMs)).toBeNull();

    // The lease runs out; a new worker claims the job and finishes it.
    await database.db.update(jobs).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(jobs.id, claimed.id));
    expect(await drainJobs(database.db, options)).toBe(1);
    const job = await getJob(database.db, claimed.id);
    expect(job).toMatchObject({ state: "done", attempts: 2, progress: { chats: 9, messages: 27, totalChats: 9, totalMessages: 27 } });
    expect(await chatCount(cast.organization.id)).toBe(0);
    expect(await chatCount(other.organization.id)).toBe(5);

    // The first worker wakes up late: its lease is gone, so it cannot touch the job any more.
    expect(await processJob(database.db, claimed, options)).toBe("lost");
  });

  it("counts the removed messages exactly with PostgreSQL's row counter off too", async () => {
    const cast = await createCast(database.db);
    await createChats(database.db, cast.organization.id, cast.member.id, 7, 3);
    const admin = await viewerOf(database.db, cast.admin.id);
    const request = await requestChatPurge(database.db, admin, { confirmation: cast.organization.name });
    if (!request.ok) throw new Error(request.error);
    const claimed = (await claimJob(database.db, options.leaseMs))!;
    // track_counts off for this transaction only: the batches must count the messages themselves
    // (the counter they read otherwise would say 0). Batches run as savepoints inside it.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local track_counts = off`);
      expect(await processJob(tx as unknown as typeof database.db, claimed, options)).toBe("done");
    });
    expect(await getJob(database.db, claimed.id)).toMatchObject({ state: "done", progress: { chats: 7, messages: 21 } });
    expect(await chatCount(cast.organization.id)).toBe(0);
  });

  it("a deletion killed half-way resumes to the same end state", async () => {
    const cast = await createCast(database.db);
    await createChats(database.db, cast.organization.id, cast.member.id, 6, 2);
    const admin = await viewerOf(database.db, cast.admin.id);
    await requestOrganizationDeletion(database.db, admin, { confirmation: cast.organization.name, password: "correct-horse-battery" });
    const claimed = (await claimJob(database.db, options.leaseMs))!;
    await processJob(database.db, claimed, options, { maxBatches: 1 });
    await database.db.update(jobs).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(jobs.id, claimed.id));
    expect(await drainJobs(database.db, options)).toBe(1);
    expect(await getJob(database.db, claimed.id)).toMatchObject({ state: "done", progress: { chats: 6, messages: 12, users: 3 } });
    expect(await database.db.select().from(chats).where(eq(chats.organizationId, cast.organization.id))).toHaveLength(0);
  });

  it("two workers never claim the same job", async () => {
    const progress = { chats: 0, messages: 0, totalChats: 0, totalMessages: 0 };
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const { organization } = await createCast(database.db);
      ids.push((await startJob(database.db, { kind: "purge_chats", organizationId: organization.id, requestedBy: null, progress })).job.id);
    }
    const claims = await Promise.all([0, 1, 2, 3].map(() => claimJob(database.db, options.leaseMs)));
    const claimed = claims.filter((job) => job !== null).map((job) => job!.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual([...ids].sort());
    await database.db.update(jobs).set({ lockedUntil: null });
    await drainJobs(database.db, options);
  });

  it("the worker loop picks up a new job by itself", async () => {
    const cast = await createCast(database.db);
    await createChats(database.db, cast.organization.id, cast.member.id, 3, 1);
    const worker = startWorker(database.db, options);
    try {
      const admin = await viewerOf(database.db, cast.admin.id);
      const request = await requestChatPurge(database.db, admin, { confirmation: cast.organization.name });
      if (!request.ok) throw new Error(request.error);
      worker.wake();
      for (let tries = 0; tries < 200 && (await getJob(database.db, request.job.id))?.state !== "done"; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(await getJob(database.db, request.job.id)).toMatchObject({ state: "done" });
    } finally {
      await worker.stop();
    }
  });

  it("batches grow toward the time target when they are fast, shrink when slow, within bounds", () => {
    const adaptive = { batchSize: 100, batchTargetMs: 200, maxBatchSize: 1000 };
    expect(nextBatchSize(100, 50, adaptive)).toBe(400);
    expect(nextBatchSize(400, 1, adaptive)).toBe(1000);
    expect(nextBatchSize(800, 400, adaptive)).toBe(400);
    expect(nextBatchSize(200, 10_000, adaptive)).toBe(100);
    expect(nextBatchSize(300, 50, { ...adaptive, batchTargetMs: 0 })).toBe(100);
  });

  it("a purge with adapting batches removes exactly the organization's rows and counts them", async () => {
    const cast = await createCast(database.db);
    await createChats(database.db, cast.organization.id, cast.member.id, 40, 2);
    const other = await createCast(database.db);
    await createChats(database.db, other.organization.id, other.member.id, 6, 2);
    const admin = await viewerOf(database.db, cast.admin.id);
    const request = await requestChatPurge(database.db, admin, { confirmation: cast.organization.name });
    if (!request.ok) throw new Error(request.error);
    // Starts at one chat per batch; the fast batches make the next ones larger.
    expect(await drainJobs(database.db, { ...options, batchSize: 1, batchTargetMs: 10_000, maxBatchSize: 16 })).toBe(1);
    expect(await getJob(database.db, request.job.id)).toMatchObject({ state: "done", progress: { chats: 40, messages: 80 } });
    expect(await chatCount(cast.organization.id)).toBe(0);
    expect(await chatCount(other.organization.id)).toBe(6);
  });
});
