import { and, eq, inArray, sql } from "drizzle-orm";
import { auditEvents, chats, jobs, organizations } from "@/db/schema";
import { queryRows } from "@/lib/core/db";
import { changePlan, previewPlanChange } from "@/lib/billing/billing";
import { plans } from "@/lib/core/plans";
import { claimJob } from "@/lib/jobs/jobs";
import { defaultWorkerOptions, drainJobs, processJob } from "@/lib/jobs/worker";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, createChats, viewerOf } from "@/tests/support/factories";
import { getRetentionPolicy, previewRetention, readRetentionPolicy, scheduleRetentionJobs, setRetentionPolicy } from "./retention";

const database = testDatabaseForThisFile();
const options = { ...defaultWorkerOptions, batchSize: 2, batchTargetMs: 0 };
const day = 24 * 60 * 60 * 1000;

/** Makes chats look last updated `days` ago. */
async function age(ids: number[], days: number, now = new Date()) {
  await database.db.update(chats).set({ updatedAt: new Date(now.getTime() - days * day) }).where(inArray(chats.id, ids));
}

async function countChats(organizationId: string) {
  const [row] = await queryRows<{ chats: number; messages: number }>(
    database.db,
    sql`select (select count(*)::int from chats where organization_id = ${organizationId}) as chats,
      (select count(*)::int from messages m join chats c on c.id = m.chat_id where c.organization_id = ${organizationId}) as messages`,
  );
  return row!;
}

async function setting(plan: (typeof plans)[number] = "team") {
  // One database per file: earlier tests' policies and jobs must not run in this one.
  await drainJobs(database.db, options);
  await database.db.update(organizations).set({ chatRetentionDays: null });
  const cast = await createCast(database.db, plan);
  const old = await createChats(database.db, cast.organization.id, cast.member.id, 5, 3);
  const recent = await createChats(database.db, cast.organization.id, cast.member.id, 4, 2);
  await age(old, 40);
  await age(recent, 10);
  const other = await createCast(database.db, "enterprise");
  const otherOld = await createChats(database.db, other.organization.id, other.member.id, 3, 2);
  await age(otherOld, 400);
  return { cast, other, old, recent, admin: await viewerOf(database.db, cast.admin.id) };
}

describe("chat retention", () => {
  it("the preview counts exactly the chats and messages older than N days", async () => {
    const { admin } = await setting();
    expect(await previewRetention(database.db, admin, { days: 30 })).toEqual({ ok: true, days: 30, chats: 5, messages: 15 });
    expect(await previewRetention(database.db, admin, { days: 5 })).toEqual({ ok: true, days: 5, chats: 9, messages: 23 });
    expect(await previewRetention(database.db, admin, { source: "form", days: "30" })).toEqual({ ok: true, days: null, chats: 0, messages: 0 });
    expect(await previewRetention(database.db, admin, { source: "form", enabled: "on", days: " 30 " })).toMatchObject({ ok: true, days: 30, chats: 5 });
  });

  it("refuses days outside 1..3650 or not whole, and changes nothing", async () => {
    const { cast, admin } = await setting();
    for (const days of [0, -1, 3651, 2.5, "abc", "", "1e3", undefined, {}]) {
      expect(await setRetentionPolicy(database.db, admin, { days })).toEqual({ ok: false, error: "validation", fields: { days: ["retentionDays"] } });
    }
    expect(await setRetentionPolicy(database.db, admin, { source: "form", enabled: "on", days: "" })).toMatchObject({ ok: false, error: "validation" });
    expect((await getRetentionPolicy(database.db, cast.organization.id))!.days).toBeNull();
  });

  it("setting it is refused for a Billing-only member, a Member, a signed-out request and below Team; another organization's Admin sets only their own", async () => {
    const { cast, other } = await setting();
    for (const id of [cast.billing.id, cast.member.id]) {
      const actor = await viewerOf(database.db, id);
      expect(await setRetentionPolicy(database.db, actor, { days: 30 })).toEqual({ ok: false, error: "forbidden" });
      expect(await previewRetention(database.db, actor, { days: 30 })).toEqual({ ok: false, error: "forbidden" });
      expect(await readRetentionPolicy(database.db, actor)).toEqual({ ok: false, error: "forbidden" });
    }
    expect(await setRetentionPolicy(database.db, null, { days: 30 })).toEqual({ ok: false, error: "forbidden" });
    for (const plan of ["free", "pro"] as const) {
      const small = await createCast(database.db, plan);
      expect(await setRetentionPolicy(database.db, await viewerOf(database.db, small.admin.id), { days: 30 })).toEqual({ ok: false, error: "forbidden" });
    }
    for (const plan of ["team", "enterprise"] as const) {
      const big = await createCast(database.db, plan);
      expect(await setRetentionPolicy(database.db, await viewerOf(database.db, big.admin.id), { days: 30 })).toMatchObject({ ok: true, changed: true });
    }
    const otherAdmin = await viewerOf(database.db, other.admin.id);
    expect(await setRetentionPolicy(database.db, otherAdmin, { days: 7 })).toMatchObject({ ok: true });
    expect((await getRetentionPolicy(database.db, cast.organization.id))!.days).toBeNull();
    expect((await getRetentionPolicy(database.db, other.organization.id))!.days).toBe(7);
  });

  it("the daily round deletes exactly the chats older than N days, leaves other organizations alone and audits exact counts", async () => {
    const { cast, other, recent, admin } = await setting();
    expect(await setRetentionPolicy(database.db, admin, { days: 30 })).toEqual({ ok: true, days: 30, changed: true });
    const [changed] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "organization.retentionChanged"), eq(auditEvents.organizationId, cast.organization.id)));
    expect(changed).toMatchObject({ organizationId: cast.organization.id, actorId: admin.id, data: { from: null, to: 30 } });
    // Saving deletes nothing by itself: the round does.
    expect(await countChats(cast.organization.id)).toEqual({ chats: 9, messages: 23 });
    expect(await scheduleRetentionJobs(database.db)).toBe(1);
    await drainJobs(database.db, options);
    expect(await countChats(cast.organization.id)).toEqual({ chats: 4, messages: 8 });
    const left = await database.db.select({ id: chats.id }).from(chats).where(eq(chats.organizationId, cast.organization.id));
    expect(left.map((row) => row.id).sort()).toEqual([...recent].sort());
    // The other organization has no policy: its 400-day-old chats stay.
    expect(await countChats(other.organization.id)).toEqual({ chats: 3, messages: 6 });
    const [applied] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "organization.retentionApplied"), eq(auditEvents.organizationId, cast.organization.id)));
    expect(applied).toMatchObject({ organizationId: cast.organization.id, actorId: null, data: { chats: 5, messages: 15 } });
  });

  it("below Team the policy is kept but paused: the round deletes nothing", async () => {
    const { cast, admin } = await setting();
    await setRetentionPolicy(database.db, admin, { days: 30 });
    await database.db.update(organizations).set({ plan: "pro" }).where(eq(organizations.id, cast.organization.id));
    expect(await getRetentionPolicy(database.db, cast.organization.id)).toEqual({ days: 30, applied: false });
    expect(await scheduleRetentionJobs(database.db)).toBe(0);
    await drainJobs(database.db, options);
    expect(await countChats(cast.organization.id)).toEqual({ chats: 9, messages: 23 });
  });

  it("a move below Team says beforehand that it pauses the policy, then keeps it unapplied", async () => {
    const { cast, admin } = await setting();
    await setRetentionPolicy(database.db, admin, { days: 30 });
    const billing = await viewerOf(database.db, cast.admin.id);
    expect(await previewPlanChange(database.db, billing, { plan: "pro" })).toMatchObject({ ok: true, preview: { losses: expect.arrayContaining([{ feature: "chatRetention", affected: 30 }]) } });
    expect(await changePlan(database.db, billing, { plan: "pro" })).toMatchObject({ ok: true });
    expect(await getRetentionPolicy(database.db, cast.organization.id)).toEqual({ days: 30, applied: false });
  });

  it("a worker killed mid-round leaves the job to another one, which finishes it with exact counts", async () => {
    const { cast, admin } = await setting();
    await setRetentionPolicy(database.db, admin, { days: 30 });
    await scheduleRetentionJobs(database.db);
    const claimed = await claimJob(database.db, 50);
    expect(claimed?.kind).toBe("chat_retention");
    // One batch of 2 chats, then the worker "dies" holding a short lease.
    expect(await processJob(database.db, claimed!, { ...options, leaseMs: 50 }, { maxBatches: 1 })).toBe("stopped");
    expect((await countChats(cast.organization.id)).chats).toBe(7);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await drainJobs(database.db, options)).toBe(1);
    expect(await countChats(cast.organization.id)).toEqual({ chats: 4, messages: 8 });
    const [job] = await database.db.select().from(jobs).where(eq(jobs.organizationId, cast.organization.id));
    expect(job).toMatchObject({ state: "done", attempts: 2, progress: { chats: 5, messages: 15 } });
    const [applied] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "organization.retentionApplied"), eq(auditEvents.organizationId, cast.organization.id)));
    expect(applied!.data).toMatchObject({ chats: 5, messages: 15 });
  });
});
