import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, asc, eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { auditEvents, auditStreamDeliveries, auditStreamEndpoints, jobs } from "@/db/schema";
import type { Db } from "@/lib/core/db";
import { changePlan, previewPlanChange } from "@/lib/billing/billing";
import { changeMemberRole } from "@/lib/members/members";
import { createInvitation } from "@/lib/members/invitations";
import { renameOrganization } from "@/lib/organizations/organizations";
import { drainJobs, defaultWorkerOptions } from "@/lib/jobs/worker";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, viewerOf } from "@/tests/support/factories";
import { failingPauseMs } from "./stream-delivery";
import { addEndpoint, listEndpoints, resumeEndpoint, rotateSecret, sendTestEvent } from "./streams";

const database = testDatabaseForThisFile();

type Received = { id: string; body: string; headers: Record<string, string> };

/** A receiver on loopback: answers what `answer` says, keeps every request it got. */
async function receiver() {
  const requests: Received[] = [];
  let answer = (_request: Received): number => 204;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const got = { id: String(request.headers["webhook-id"]), body: Buffer.concat(chunks).toString("utf8"), headers: request.headers as Record<string, string> };
      requests.push(got);
      response.writeHead(answer(got)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/audit`,
    requests,
    answerWith: (next: (request: Received) => number) => (answer = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The worker, as if the clock said `now`: jobs waiting for a later retry become due when `now` passes it. */
async function runWorkerAt(db: Db, now: Date) {
  await db.execute(sql`update jobs set locked_until = null where kind = 'audit_stream' and state = 'queued' and locked_until <= ${now.toISOString()}::timestamptz`);
  await drainJobs(db, { ...defaultWorkerOptions, now: () => now });
}

async function enterpriseAdmin() {
  const cast = await createCast(database.db, "enterprise");
  return { ...cast, viewer: await viewerOf(database.db, cast.admin.id) };
}

let target: Awaited<ReturnType<typeof receiver>>;
beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_LOOPBACK = "true";
  target = await receiver();
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOW_LOOPBACK;
  await target.close();
});
beforeEach(() => {
  target.requests.length = 0;
  target.answerWith(() => 204);
});

describe("audit streaming", () => {
  it("delivers every event of a session exactly once, in order, signed, after a forced failure and its retry", async () => {
    const { organization, member, viewer } = await enterpriseAdmin();
    const added = await addEndpoint(database.db, viewer, { url: target.url });
    if (!added.ok) throw new Error(added.error);
    // The secret is never stored in clear.
    const [stored] = await database.db.select().from(auditStreamEndpoints).where(eq(auditStreamEndpoints.id, added.endpointId));
    expect(stored!.secret).not.toContain(added.secret.slice(6, 20));

    let failFirst = true;
    target.answerWith(() => (failFirst ? ((failFirst = false), 500) : 204));
    await renameOrganization(database.db, viewer, { name: "Streamed Inc" });
    await changeMemberRole(database.db, viewer, { userId: member.id, role: "admin", billing: "" });
    await createInvitation(database.db, viewer, { email: "newcomer@example.test" });
    const start = new Date();
    await runWorkerAt(database.db, start);
    // The first attempt failed: nothing after it went out of order.
    expect(target.requests).toHaveLength(1);
    await runWorkerAt(database.db, new Date(start.getTime() + 60_000));

    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, organization.id)).orderBy(asc(auditEvents.sequence));
    const expected = events.map((event) => `evt_${event.id}`);
    const accepted = target.requests.slice(1);
    expect(accepted.map((request) => request.id)).toEqual(expected);
    expect(target.requests[0]!.id).toBe(expected[0]);
    const verifier = new Webhook(added.secret);
    const bodies = accepted.map((request) => verifier.verify(request.body, request.headers) as { type: string; data: { action: string; sequence: number; hash: string } });
    expect(bodies.map((body) => body.data.action)).toEqual(events.map((event) => event.action));
    expect(bodies.map((body) => body.data.hash)).toEqual(events.map((event) => event.hash));
    expect(() => new Webhook("whsec_" + Buffer.from("another secret of 24 byte").toString("base64")).verify(accepted[0]!.body, accepted[0]!.headers)).toThrow();

    const listed = await listEndpoints(database.db, viewer);
    const log = listed.ok ? listed.endpoints[0]!.deliveries : [];
    expect(log.find((line) => line.messageId === expected[0])).toMatchObject({ state: "delivered", attempts: 2, lastStatus: 204 });
    expect(listed.ok && listed.endpoints[0]!.pending).toBe(0);
  });

  it("pauses an endpoint that answered 500 for 24 hours, keeps what waits, and delivers it once resumed", async () => {
    const { organization, viewer } = await enterpriseAdmin();
    const added = await addEndpoint(database.db, viewer, { url: target.url });
    if (!added.ok) throw new Error(added.error);
    target.answerWith(() => 500);
    await renameOrganization(database.db, viewer, { name: "Down For A Day" });
    const start = Date.now();
    for (let hour = 0; hour <= 25; hour += 1) await runWorkerAt(database.db, new Date(start + hour * 60 * 60 * 1000 + 1000));
    const [endpoint] = await database.db.select().from(auditStreamEndpoints).where(eq(auditStreamEndpoints.id, added.endpointId));
    expect(endpoint).toMatchObject({ status: "paused", pausedReason: "failing" });
    expect(Date.now() - start + 26 * 60 * 60 * 1000).toBeGreaterThanOrEqual(failingPauseMs);
    const attempts = target.requests.length;
    expect(attempts).toBeGreaterThan(10);
    // Paused: no more attempts, whatever the clock says.
    await runWorkerAt(database.db, new Date(start + 30 * 60 * 60 * 1000));
    expect(target.requests).toHaveLength(attempts);

    target.answerWith(() => 200);
    expect((await resumeEndpoint(database.db, viewer, { endpointId: added.endpointId })).ok).toBe(true);
    await runWorkerAt(database.db, new Date());
    const pending = await database.db.select().from(auditStreamDeliveries).where(and(eq(auditStreamDeliveries.endpointId, added.endpointId), eq(auditStreamDeliveries.state, "pending")));
    expect(pending).toHaveLength(0);
    const [renamed] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, organization.id), eq(auditEvents.action, "organization.renamed")));
    expect(target.requests.filter((request) => request.id === `evt_${renamed!.id}`).at(-1)).toBeDefined();
  });

  it("sends a signed test event at once and logs it; a rotated secret keeps the old one signing for 24 hours", async () => {
    const { viewer } = await enterpriseAdmin();
    const added = await addEndpoint(database.db, viewer, { url: target.url });
    if (!added.ok) throw new Error(added.error);
    const rotated = await rotateSecret(database.db, viewer, { endpointId: added.endpointId });
    if (!rotated.ok) throw new Error(rotated.error);
    const sent = await sendTestEvent(database.db, viewer, { endpointId: added.endpointId });
    expect(sent).toMatchObject({ ok: true, delivered: true, status: 204 });
    const request = target.requests.at(-1)!;
    expect(request.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(new Webhook(added.secret).verify(request.body, request.headers)).toMatchObject({ type: "audit.test" });
    expect(new Webhook(rotated.secret).verify(request.body, request.headers)).toMatchObject({ type: "audit.test" });
    // A day later only the new secret signs.
    const later = await sendTestEvent(database.db, viewer, { endpointId: added.endpointId }, new Date(Date.now() + 25 * 60 * 60 * 1000));
    expect(later.ok).toBe(true);
    expect(target.requests.at(-1)!.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    target.answerWith(() => 503);
    expect(await sendTestEvent(database.db, viewer, { endpointId: added.endpointId })).toMatchObject({ ok: true, delivered: false, status: 503 });
    const listed = await listEndpoints(database.db, viewer);
    expect(listed.ok && listed.endpoints[0]!.deliveries[0]).toMatchObject({ state: "failed", lastStatus: 503 });
  });

  it("refuses plain http, private addresses and unknown endpoints with clear codes", async () => {
    const { viewer } = await enterpriseAdmin();
    delete process.env.WEBHOOK_ALLOW_LOOPBACK;
    try {
      expect(await addEndpoint(database.db, viewer, { url: target.url })).toMatchObject({ ok: false, error: "validation", fields: { url: ["notHttps"] } });
      expect(await addEndpoint(database.db, viewer, { url: "https://10.0.0.1/hook" })).toMatchObject({ ok: false, error: "validation", fields: { url: ["privateAddress"] } });
      expect(await addEndpoint(database.db, viewer, { url: "" })).toMatchObject({ ok: false, error: "validation", fields: { url: ["required"] } });
    } finally {
      process.env.WEBHOOK_ALLOW_LOOPBACK = "true";
    }
    expect(await sendTestEvent(database.db, viewer, { endpointId: "not-a-uuid" })).toEqual({ ok: false, error: "notFound" });
    const other = await enterpriseAdmin();
    const theirs = await addEndpoint(database.db, other.viewer, { url: target.url });
    if (!theirs.ok) throw new Error(theirs.error);
    expect(await sendTestEvent(database.db, viewer, { endpointId: theirs.endpointId })).toEqual({ ok: false, error: "notFound" });
    expect(target.requests.filter((request) => request.id.startsWith("test_"))).toHaveLength(0);
  });

  it("a move below Enterprise is announced, pauses the streams (kept), and a return resumes them", async () => {
    const { viewer } = await enterpriseAdmin();
    const added = await addEndpoint(database.db, viewer, { url: target.url });
    if (!added.ok) throw new Error(added.error);
    const preview = await previewPlanChange(database.db, viewer, { plan: "team" });
    expect(preview.ok && preview.preview.losses).toContainEqual({ feature: "auditStreaming", affected: 1 });
    expect((await changePlan(database.db, viewer, { plan: "team" })).ok).toBe(true);
    const [paused] = await database.db.select().from(auditStreamEndpoints).where(eq(auditStreamEndpoints.id, added.endpointId));
    expect(paused).toMatchObject({ status: "paused", pausedReason: "plan" });
    await runWorkerAt(database.db, new Date());
    const ours = () => target.requests.filter((request) => (JSON.parse(request.body) as { data: { organizationId: string } }).data.organizationId === viewer.organization.id);
    expect(ours()).toHaveLength(0);
    const teamViewer = await viewerOf(database.db, viewer.id);
    expect(await listEndpoints(database.db, teamViewer)).toEqual({ ok: false, error: "planRequired" });
    expect((await changePlan(database.db, teamViewer, { plan: "enterprise" })).ok).toBe(true);
    await runWorkerAt(database.db, new Date());
    // The plan change itself waited for the endpoint and goes out now, with the return to Enterprise.
    expect(ours().map((request) => (JSON.parse(request.body) as { data: { action: string } }).data.action)).toEqual(["auditStream.added", "organization.planChanged", "organization.planChanged"]);
    const [job] = await database.db.select().from(jobs).where(and(eq(jobs.organizationId, viewer.organization.id), eq(jobs.kind, "audit_stream"))).orderBy(asc(jobs.createdAt));
    expect(job).toBeDefined();
  });
});
