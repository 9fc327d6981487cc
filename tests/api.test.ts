import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import SwaggerParser from "@apidevtools/swagger-parser";
import { apiIdempotency, apiKeys, auditEvents, invitations, jobs, organizations } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { claimIdempotencyKey, deleteOldIdempotencyRecords } from "@/lib/api-keys/limits";
import fr from "@/messages/fr.json";
import { scopes } from "@/lib/core/api-scopes";
import { openApiDocument } from "@/lib/api/openapi";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { dnsServerForThisFile } from "@/tests/support/dns-server";
import { createCast, createChats, createUser, viewerOf } from "@/tests/support/factories";
import { exportDirectory } from "@/lib/jobs/export";
import { defaultWorkerOptions, drainJobs } from "@/lib/jobs/worker";
import { getExportStatus, openExportDownload, requestExport } from "@/lib/lifecycle/exports";
import { callApi, expectContract, insertKey, serveDatabase, type ApiCall } from "@/tests/support/api";

const database = testDatabaseForThisFile();
const dns = dnsServerForThisFile();
beforeAll(() => {
  serveDatabase(database);
  // Test events resolve their endpoint's name here: nothing leaves the machine.
  process.env.DNS_SERVER = dns.address;
});
afterAll(() => rm(exportDirectory(), { recursive: true, force: true }));

async function call(request: ApiCall) {
  const response = await callApi(request);
  const body = await expectContract(request, response);
  return { response, body: body as Record<string, unknown> & { code?: string; title?: string } };
}

describe("the OpenAPI document", () => {
  it("validates as OpenAPI 3.1 and is served at /api/v1/openapi.json", async () => {
    const response = await callApi({ method: "GET", path: "/openapi.json" });
    expect(response.status).toBe(200);
    const served = await response.json();
    expect(served.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(openApiDocument()) as never)).resolves.toBeTruthy();
  });
});

describe("an API key created in the console", () => {
  it("reads and renames the organization, and the audit log names the key", async () => {
    const cast = await createCast(database.db, "team");
    const admin = await viewerOf(database.db, cast.admin.id);
    const created = await createApiKey(database.db, admin, { name: "Deploy bot", scopes: ["organization:read", "organization:write"], expiry: "90" });
    if (!created.ok) throw new Error(created.error);
    expect(created.secret).toMatch(/^oc_[A-Za-z0-9_-]{40,}$/);
    const [stored] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, created.key.id));
    expect(stored!.secretHash).not.toContain(created.secret.slice(3));

    const read = await call({ method: "GET", path: "/organization", secret: created.secret });
    expect(read.response.status).toBe(200);
    expect(read.body.id).toBe(cast.organization.id);
    expect(read.response.headers.get("ratelimit-limit")).toBe("600");

    const renamed = await call({ method: "PATCH", path: "/organization", secret: created.secret, body: { name: "Renamed by API" } });
    expect(renamed.response.status).toBe(200);
    expect(renamed.body.name).toBe("Renamed by API");
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, cast.organization.id), eq(auditEvents.action, "organization.renamed")));
    expect(event).toMatchObject({ actorKind: "api_key", actorId: created.key.id, actorName: "Deploy bot", actorEmail: null });
    const [used] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, created.key.id));
    expect(used!.lastUsedAt).not.toBeNull();
  });

  it("survives the Admin who created it leaving", async () => {
    const cast = await createCast(database.db, "team");
    const creator = await createUser(database.db, cast.organization.id, { role: "admin" });
    const created = await createApiKey(database.db, await viewerOf(database.db, creator.id), { name: "Stays", scopes: ["organization:read"], expiry: "never" });
    if (!created.ok) throw new Error(created.error);
    await database.db.delete((await import("@/db/schema")).users).where(eq((await import("@/db/schema")).users.id, creator.id));
    const read = await call({ method: "GET", path: "/organization", secret: created.secret });
    expect(read.response.status).toBe(200);
  });
});

describe("refusals are problems", () => {
  it("no key, a malformed key, a revoked and an expired key each answer 401 with their own type", async () => {
    const cast = await createCast(database.db, "team");
    const revoked = await insertKey(database.db, cast.organization.id, ["organization:read"], { revokedAt: new Date() });
    const expired = await insertKey(database.db, cast.organization.id, ["organization:read"], { expiresAt: new Date(Date.now() - 1000) });
    const cases = [
      [null, "unauthenticated"],
      ["oc_not-a-key-at-all-0000000000000000000000", "unauthenticated"],
      [revoked.secret, "keyRevoked"],
      [expired.secret, "keyExpired"],
    ] as const;
    for (const [secret, code] of cases) {
      const { response, body } = await call({ method: "GET", path: "/organization", secret });
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(body.code).toBe(code);
      expect(body.type).toBe(`tag:org-console.dev,2026:problems/${code}`);
    }
  });

  it("titles follow Accept-Language", async () => {
    const french = await call({ method: "GET", path: "/organization", headers: { "accept-language": "fr-CH, fr;q=0.9, en;q=0.8" } });
    expect(french.body.title).toBe("Une clé d’API valide est requise");
    const english = await call({ method: "GET", path: "/organization", headers: { "accept-language": "de, en;q=0.5" } });
    expect(english.body.title).toBe("A valid API key is required");
  });

  it("a body over the cap answers 413 before it is parsed; broken JSON 400; invalid fields 422 and change nothing", async () => {
    const cast = await createCast(database.db, "team");
    const key = await insertKey(database.db, cast.organization.id, scopes);
    const large = await call({ method: "PATCH", path: "/organization", secret: key.secret, body: `{"name":"${"x".repeat(64 * 1024)}"}` });
    expect(large.response.status).toBe(413);
    expect(large.body.code).toBe("payloadTooLarge");
    const broken = await call({ method: "PATCH", path: "/organization", secret: key.secret, body: "{name:" });
    expect(broken.response.status).toBe(400);
    const invalid = await call({ method: "PATCH", path: "/organization", secret: key.secret, body: { name: "" } });
    expect(invalid.response.status).toBe(422);
    expect(invalid.body.errors).toEqual({ name: expect.any(Array) });
    const [organization] = await database.db.select().from(organizations).where(eq(organizations.id, cast.organization.id));
    expect(organization!.name).toBe(cast.organization.name);
  });

  it("the last Admin cannot be demoted through the API (409)", async () => {
    const cast = await createCast(database.db, "team");
    const key = await insertKey(database.db, cast.organization.id, ["members:write"]);
    const { response, body } = await call({ method: "PATCH", path: "/members/{memberId}", params: { memberId: cast.admin.id }, secret: key.secret, body: { role: "member", billing: true } });
    expect(response.status).toBe(409);
    expect(body.code).toBe("lastAdmin");
  });
});

describe("Idempotency-Key", () => {
  it("a repeated POST creates one invitation and returns the same body; another body answers 422", async () => {
    const cast = await createCast(database.db, "team");
    const key = await insertKey(database.db, cast.organization.id, ["members:write"]);
    const request: ApiCall = { method: "POST", path: "/invitations", secret: key.secret, headers: { "idempotency-key": "invite-ada-1" }, body: { email: "ada@example.test", role: "member" } };
    const first = await call(request);
    const second = await call(request);
    expect(first.response.status).toBe(201);
    expect(second.response.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.response.headers.get("idempotent-replayed")).toBe("true");
    const rows = await database.db.select().from(invitations).where(eq(invitations.organizationId, cast.organization.id));
    expect(rows).toHaveLength(1);
    const other = await call({ ...request, body: { email: "grace@example.test" } });
    expect(other.response.status).toBe(422);
    expect(other.body.code).toBe("idempotencyKeyReused");
  });

  it("two identical POSTs at the same moment invite once; the one that finds the first still running is told to retry, then gets its answer", async () => {
    const cast = await createCast(database.db, "team");
    const key = await insertKey(database.db, cast.organization.id, ["members:write"]);
    const request: ApiCall = { method: "POST", path: "/invitations", secret: key.secret, headers: { "idempotency-key": "invite-twice" }, body: { email: "twice@example.test", role: "member" } };
    const answers = await Promise.all([call(request), call(request), call(request)]);
    expect(answers.map((a) => a.response.status).sort()).toContain(201);
    for (const { response, body } of answers.filter((a) => a.response.status !== 201)) {
      expect(response.status).toBe(409);
      expect(response.headers.get("retry-after")).toBe("1");
      expect(body.code).toBe("idempotencyKeyInProgress");
    }
    const rows = await database.db.select().from(invitations).where(eq(invitations.organizationId, cast.organization.id));
    expect(rows).toHaveLength(1);
    const retried = await call(request);
    expect(retried.response.status).toBe(201);
    expect(retried.response.headers.get("idempotent-replayed")).toBe("true");
    expect(retried.body).toEqual(answers.find((a) => a.response.status === 201)!.body);
  });

  it("a claim held by a request that never finished answers 409 in French, and is taken over after a minute", async () => {
    const cast = await createCast(database.db, "team");
    const key = await insertKey(database.db, cast.organization.id, ["members:write"]);
    const request: ApiCall = { method: "POST", path: "/invitations", secret: key.secret, headers: { "idempotency-key": "invite-held", "accept-language": "fr" }, body: { email: "held@example.test", role: "member" } };
    // The claim an identical request took 30 s ago, on a server that then died.
    const hash = createHash("sha256").update("POST /api/v1/invitations\n").update(JSON.stringify(request.body)).digest("hex");
    const first = await claimIdempotencyKey(database.db, key.id, "invite-held", hash, new Date(Date.now() - 30_000));
    expect(first).toEqual({ kind: "claimed" });
    const held = await call(request);
    expect(held.response.status).toBe(409);
    expect(held.body.title).toBe(fr.Api.problems.idempotencyKeyInProgress);
    expect(await database.db.select().from(invitations).where(eq(invitations.organizationId, cast.organization.id))).toHaveLength(0);
    await database.db.update(apiIdempotency).set({ createdAt: new Date(Date.now() - 61_000) }).where(eq(apiIdempotency.keyId, key.id));
    const taken = await call(request);
    expect(taken.response.status).toBe(201);
    expect(await database.db.select().from(invitations).where(eq(invitations.organizationId, cast.organization.id))).toHaveLength(1);
  });

  it("records older than 24 hours are deleted by the daily round", async () => {
    const cast = await createCast(database.db, "team");
    const key = await insertKey(database.db, cast.organization.id, ["organization:write"]);
    await call({ method: "POST", path: "/organization/chat-purge", secret: key.secret, headers: { "idempotency-key": "purge-1" }, body: { confirmation: cast.organization.name } });
    expect(await deleteOldIdempotencyRecords(database.db, new Date(Date.now() + 23 * 3600_000))).toBe(0);
    expect(await deleteOldIdempotencyRecords(database.db, new Date(Date.now() + 25 * 3600_000))).toBeGreaterThanOrEqual(1);
    expect(await database.db.select().from(apiIdempotency).where(eq(apiIdempotency.keyId, key.id))).toHaveLength(0);
  });
});

describe("rate limit", () => {
  it("the request over the limit in a minute answers 429 with Retry-After", async () => {
    const saved = process.env.API_RATE_LIMIT_PER_MINUTE;
    process.env.API_RATE_LIMIT_PER_MINUTE = "5";
    try {
      const cast = await createCast(database.db, "team");
      const key = await insertKey(database.db, cast.organization.id, ["organization:read"]);
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let index = 0; index < 6; index += 1) {
        last = await callApi({ method: "GET", path: "/organization", secret: key.secret });
        statuses.push(last.status);
      }
      // A minute boundary may fall inside the loop: then the count starts again.
      if (statuses[5] === 200) return;
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(last!.headers.get("ratelimit-remaining")).toBe("0");
      await expectContract({ method: "GET", path: "/organization" }, last!);
    } finally {
      if (saved === undefined) delete process.env.API_RATE_LIMIT_PER_MINUTE;
      else process.env.API_RATE_LIMIT_PER_MINUTE = saved;
    }
  });
});

describe("long work", () => {
  it("a purge answers 202 with its job; deletion answers 202 and then every key of the organization gets 410", async () => {
    const cast = await createCast(database.db, "team");
    const key = await insertKey(database.db, cast.organization.id, scopes);
    const wrong = await call({ method: "POST", path: "/organization/chat-purge", secret: key.secret, body: { confirmation: "not the name" } });
    expect(wrong.response.status).toBe(422);
    const purge = await call({ method: "POST", path: "/organization/chat-purge", secret: key.secret, body: { confirmation: cast.organization.name } });
    expect(purge.response.status).toBe(202);
    const job = await call({ method: "GET", path: "/jobs/{jobId}", params: { jobId: String(purge.body.id) }, secret: key.secret });
    expect(job.response.status).toBe(200);
    expect(job.body.kind).toBe("purge_chats");
    const deletion = await call({ method: "POST", path: "/organization/deletion", secret: key.secret, body: { confirmation: cast.organization.name } });
    expect(deletion.response.status).toBe(202);
    const after = await call({ method: "GET", path: "/organization", secret: key.secret });
    expect(after.response.status).toBe(410);
    expect(after.body.code).toBe("organizationDeleted");
    // Once the deletion job has removed the organization and its keys, the key is still "gone", not unknown.
    await drainJobs(database.db, { ...defaultWorkerOptions, batchTargetMs: 0 });
    expect(await database.db.select().from(organizations).where(eq(organizations.id, cast.organization.id))).toEqual([]);
    const finished = await call({ method: "GET", path: "/organization", secret: key.secret });
    expect(finished.response.status).toBe(410);
    expect(finished.body.code).toBe("organizationDeleted");
    const unknown = await call({ method: "GET", path: "/organization", secret: `oc_${"x".repeat(40)}` });
    expect(unknown.response.status).toBe(401);
  });
});

describe("lists", () => {
  it("members page with a cursor and a filter; audit events page with a cursor", async () => {
    const cast = await createCast(database.db, "team");
    for (let index = 0; index < 3; index += 1) await createUser(database.db, cast.organization.id, { name: `Paged ${index}` });
    const key = await insertKey(database.db, cast.organization.id, ["members:read", "audit:read", "organization:write"]);
    const first = await call({ method: "GET", path: "/members", query: "limit=2", secret: key.secret });
    expect((first.body.data as unknown[]).length).toBe(2);
    const second = await call({ method: "GET", path: "/members", query: `limit=10&cursor=${first.body.nextCursor}`, secret: key.secret });
    expect((second.body.data as unknown[]).length).toBe(4);
    expect(second.body.nextCursor).toBeNull();
    const filtered = await call({ method: "GET", path: "/members", query: "query=Paged%201", secret: key.secret });
    expect((filtered.body.data as { name: string }[]).map((member) => member.name)).toEqual(["Paged 1"]);
    const badLimit = await call({ method: "GET", path: "/members", query: "limit=1000", secret: key.secret });
    expect(badLimit.response.status).toBe(422);
    for (let index = 0; index < 3; index += 1) await call({ method: "PATCH", path: "/organization", secret: key.secret, body: { name: `Name ${index}` } });
    const events = await call({ method: "GET", path: "/audit-events", query: "limit=2&action=organization.renamed", secret: key.secret });
    expect((events.body.data as unknown[]).length).toBe(2);
    const rest = await call({ method: "GET", path: "/audit-events", query: `limit=2&action=organization.renamed&cursor=${events.body.nextCursor}`, secret: key.secret });
    expect((rest.body.data as { actor: { kind: string } }[]).map((event) => event.actor.kind)).toEqual(["api_key"]);
  });
});

describe("audit export", () => {
  it("streams NDJSON and CSV with the filters, and CSV cells that could run as formulas are neutralized", async () => {
    const cast = await createCast(database.db, "team");
    const key = await insertKey(database.db, cast.organization.id, ["organization:write", "audit:read"], { name: '=HYPERLINK("x","y")' });
    await call({ method: "PATCH", path: "/organization", secret: key.secret, body: { name: "=HYPERLINK(1)" } });
    await call({ method: "PATCH", path: "/organization", secret: key.secret, body: { name: "Plain name" } });
    const ndjson = await callApi({ method: "GET", path: "/audit-events/export", query: "action=organization.renamed", secret: key.secret });
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const lines = (await ndjson.text()).trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((event) => event.data.to)).toEqual(["Plain name", "=HYPERLINK(1)"]);
    expect(lines[0]).toMatchObject({ action: "organization.renamed", actor: { kind: "api_key", id: key.id, name: '=HYPERLINK("x","y")', email: null }, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
    const csv = await callApi({ method: "GET", path: "/audit-events/export", query: "format=csv", secret: key.secret });
    const text = await csv.text();
    const rows = text.trim().split("\r\n");
    expect(rows[0]).toBe("id,createdAt,action,actorKind,actorId,actorName,actorEmail,target,clientAddress,data");
    // The key's name would run as a formula: it starts with ' in the file, quotes doubled as CSV wants.
    expect(rows[1]).toContain(`,organization.renamed,api_key,${key.id},"'=HYPERLINK(""x"",""y"")",`);
    expect(text).not.toMatch(/(^|,)"?=/m);
    const bad = await call({ method: "GET", path: "/audit-events/export", query: "format=xml", secret: key.secret });
    expect(bad.response.status).toBe(422);
  });
});

describe("data lifecycle", () => {
  it("a key with organization:write reads and sets chat retention; bad days change nothing; the audit log names the key", async () => {
    const cast = await createCast(database.db, "team");
    const key = await insertKey(database.db, cast.organization.id, ["organization:write"], { name: "Retention bot" });
    const before = await call({ method: "GET", path: "/organization/retention", secret: key.secret });
    expect(before.response.status).toBe(200);
    expect(before.body).toEqual({ days: null, applied: false });
    const set = await call({ method: "PUT", path: "/organization/retention", secret: key.secret, body: { days: 90 } });
    expect(set.response.status).toBe(200);
    expect(set.body).toEqual({ days: 90, applied: true, changed: true });
    for (const days of [0, 3651, 1.5, "ninety", undefined]) {
      const bad = await call({ method: "PUT", path: "/organization/retention", secret: key.secret, body: { days } });
      expect({ days, status: bad.response.status, errors: bad.body.errors }).toEqual({ days, status: 422, errors: { days: ["retentionDays"] } });
    }
    const after = await call({ method: "GET", path: "/organization/retention", secret: key.secret });
    expect(after.body).toEqual({ days: 90, applied: true });
    const off = await call({ method: "PUT", path: "/organization/retention", secret: key.secret, body: { days: null } });
    expect(off.body).toEqual({ days: null, applied: false, changed: true });
    const events = await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, cast.organization.id), eq(auditEvents.action, "organization.retentionChanged")));
    expect(events.map((event) => [event.actorKind, event.actorId, event.actorName])).toEqual([
      ["api_key", key.id, "Retention bot"],
      ["api_key", key.id, "Retention bot"],
    ]);
    // Below Team the matrix refuses the action itself.
    const pro = await createCast(database.db, "pro");
    const proKey = await insertKey(database.db, pro.organization.id, ["organization:write"]);
    expect((await call({ method: "PUT", path: "/organization/retention", secret: proKey.secret, body: { days: 30 } })).response.status).toBe(403);
  });

  it("an export started by a key is followed and downloaded by that key only, not by another key nor the Admin", async () => {
    const cast = await createCast(database.db, "free");
    await createChats(database.db, cast.organization.id, cast.member.id, 3, 2);
    const key = await insertKey(database.db, cast.organization.id, ["organization:export"], { name: "Backup bot" });
    const other = await insertKey(database.db, cast.organization.id, ["organization:export"]);
    const started = await call({ method: "POST", path: "/exports", secret: key.secret, headers: { "idempotency-key": "export-1" } });
    expect(started.response.status).toBe(202);
    expect(started.body).toMatchObject({ state: "queued", rows: 0, ready: null });
    const id = String(started.body.id);
    const [job] = await database.db.select().from(jobs).where(eq(jobs.id, id));
    expect(job).toMatchObject({ kind: "export", requestedBy: null, requestedByKeyId: key.id });
    // Asked again while it is built: the same export; another key or the Admin is told one is running.
    expect((await call({ method: "POST", path: "/exports", secret: key.secret })).body.id).toBe(id);
    const busy = await call({ method: "POST", path: "/exports", secret: other.secret });
    expect([busy.response.status, busy.body.code]).toEqual([409, "exportInProgress"]);
    const admin = await viewerOf(database.db, cast.admin.id);
    expect(await requestExport(database.db, admin)).toEqual({ ok: false, error: "exportInProgress" });

    await drainJobs(database.db, { ...defaultWorkerOptions, batchTargetMs: 0 });
    const done = await call({ method: "GET", path: "/exports/{exportId}", params: { exportId: id }, secret: key.secret });
    expect(done.response.status).toBe(200);
    expect(done.body).toMatchObject({ state: "done", ready: { download: `/api/v1/exports/${id}/download`, size: expect.any(Number) } });
    expect((done.body.rows as number) > 0).toBe(true);

    const download = await callApi({ method: "GET", path: "/exports/{exportId}/download", params: { exportId: id }, secret: key.secret });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/zip");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="org-console-export-/);
    const bytes = (await expectContract({ method: "GET", path: "/exports/{exportId}/download" }, download)) as Uint8Array;
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    expect(bytes.byteLength).toBe(Number(download.headers.get("content-length")));

    for (const path of ["/exports/{exportId}", "/exports/{exportId}/download"]) {
      const refused = await call({ method: "GET", path, params: { exportId: id }, secret: other.secret });
      expect([path, refused.response.status]).toEqual([path, 404]);
    }
    // /jobs/{id} follows purges and deletions only: an export is not readable there with organization:read.
    const reader = await insertKey(database.db, cast.organization.id, ["organization:read"]);
    expect((await call({ method: "GET", path: "/jobs/{jobId}", params: { jobId: id }, secret: reader.secret })).response.status).toBe(404);
    expect(await getExportStatus(database.db, admin, { id })).toEqual({ ok: false, error: "notFound" });
    expect(await openExportDownload(database.db, admin, { id })).toEqual({ ok: false, error: "notFound" });
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, cast.organization.id));
    const named = (action: string) => events.filter((event) => event.action === action).map((event) => [event.actorKind, event.actorId]);
    expect(named("organization.exportRequested")).toEqual([["api_key", key.id]]);
    expect(named("organization.exportDownloaded")).toEqual([["api_key", key.id]]);
    const malformed = await call({ method: "GET", path: "/exports/{exportId}", params: { exportId: "not-an-id" }, secret: key.secret });
    expect(malformed.response.status).toBe(404);
  });

  it("deletion with a grace period answers 202 with scheduled_deletion and its date, as the document says", async () => {
    const saved = process.env.ORGANIZATION_DELETION_GRACE_DAYS;
    process.env.ORGANIZATION_DELETION_GRACE_DAYS = "7";
    try {
      const cast = await createCast(database.db, "team");
      const key = await insertKey(database.db, cast.organization.id, ["organization:delete", "organization:read"]);
      const started = Date.now();
      const { response, body } = await call({ method: "POST", path: "/organization/deletion", secret: key.secret, body: { confirmation: cast.organization.name } });
      expect(response.status).toBe(202);
      expect(body.status).toBe("scheduled_deletion");
      const days = (Date.parse(String(body.scheduledFor)) - started) / 86_400_000;
      expect(days).toBeGreaterThan(6.99);
      expect(days).toBeLessThan(7.01);
      const [organization] = await database.db.select().from(organizations).where(eq(organizations.id, cast.organization.id));
      expect(organization!.status).toBe("scheduled_deletion");
      expect(await database.db.select().from(jobs).where(and(eq(jobs.organizationId, cast.organization.id), eq(jobs.kind, "delete_organization")))).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.ORGANIZATION_DELETION_GRACE_DAYS;
      else process.env.ORGANIZATION_DELETION_GRACE_DAYS = saved;
    }
  });
});

describe("audit log settings and the two-step rule", () => {
  const keyEvents = async (organizationId: string, action: string) =>
    (await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, action)))).map((event) => [event.actorKind, event.actorId]);

  it("audit retention: read with audit:read, set with audit:write on Enterprise; bad days and other plans change nothing", async () => {
    const cast = await createCast(database.db, "enterprise");
    const key = await insertKey(database.db, cast.organization.id, ["audit:read", "audit:write"]);
    expect((await call({ method: "GET", path: "/audit-retention", secret: key.secret })).body).toEqual({ days: null, allowed: true });
    const set = await call({ method: "PUT", path: "/audit-retention", secret: key.secret, body: { days: 365 } });
    expect([set.response.status, set.body]).toEqual([200, { days: 365, changed: true }]);
    for (const days of [29, 3651, "365", "", undefined]) {
      const bad = await call({ method: "PUT", path: "/audit-retention", secret: key.secret, body: { days } });
      expect({ days, status: bad.response.status, errors: bad.body.errors }).toEqual({ days, status: 422, errors: { days: ["invalidDays"] } });
    }
    expect((await call({ method: "GET", path: "/audit-retention", secret: key.secret })).body).toEqual({ days: 365, allowed: true });
    expect((await call({ method: "PUT", path: "/audit-retention", secret: key.secret, body: { days: null } })).body).toEqual({ days: null, changed: true });
    expect(await keyEvents(cast.organization.id, "audit.retentionChanged")).toEqual([["api_key", key.id], ["api_key", key.id]]);

    const team = await createCast(database.db, "team");
    const teamKey = await insertKey(database.db, team.organization.id, ["audit:read", "audit:write"]);
    expect((await call({ method: "GET", path: "/audit-retention", secret: teamKey.secret })).body).toEqual({ days: null, allowed: false });
    const refused = await call({ method: "PUT", path: "/audit-retention", secret: teamKey.secret, body: { days: 365 } });
    expect([refused.response.status, refused.body.code]).toEqual([403, "planRequired"]);
  });

  it("audit streams: add (a private address refused), list without secrets, test, rotate, resume and remove; six endpoints are too many", async () => {
    const cast = await createCast(database.db, "enterprise");
    const key = await insertKey(database.db, cast.organization.id, ["audit:write"], { name: "SIEM bot" });
    const private_ = await call({ method: "POST", path: "/audit-streams", secret: key.secret, body: { url: "https://10.1.2.3/hook" } });
    expect([private_.response.status, private_.body.errors]).toEqual([422, { url: ["privateAddress"] }]);
    const plain = await call({ method: "POST", path: "/audit-streams", secret: key.secret, body: { url: "http://hooks.unknown.example/audit" } });
    expect([plain.response.status, plain.body.errors]).toEqual([422, { url: ["notHttps"] }]);
    const added = await call({ method: "POST", path: "/audit-streams", secret: key.secret, body: { url: " https://hooks.unknown.example/audit " } });
    expect(added.response.status).toBe(201);
    expect(added.body).toMatchObject({ url: "https://hooks.unknown.example/audit", secret: expect.stringMatching(/^whsec_/) });
    const endpointId = String(added.body.id);

    const listed = await callApi({ method: "GET", path: "/audit-streams", secret: key.secret });
    const listedText = await listed.clone().text();
    const list = (await expectContract({ method: "GET", path: "/audit-streams" }, listed)) as { data: { id: string; status: string }[] };
    expect(list.data.map((endpoint) => [endpoint.id, endpoint.status])).toEqual([[endpointId, "active"]]);
    expect(listedText).not.toContain(String(added.body.secret).slice(6));

    const tested = await call({ method: "POST", path: "/audit-streams/{endpointId}/test", params: { endpointId }, secret: key.secret });
    expect([tested.response.status, tested.body.delivered, tested.body.error]).toEqual([200, false, "unresolved"]);
    const rotated = await call({ method: "POST", path: "/audit-streams/{endpointId}/rotate-secret", params: { endpointId }, secret: key.secret });
    expect(rotated.response.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(added.body.secret);
    expect((await call({ method: "POST", path: "/audit-streams/{endpointId}/resume", params: { endpointId }, secret: key.secret })).body).toEqual({ id: endpointId, status: "active" });
    expect((await call({ method: "DELETE", path: "/audit-streams/{endpointId}", params: { endpointId }, secret: key.secret })).body).toEqual({ id: endpointId, removed: true });
    const gone = await call({ method: "DELETE", path: "/audit-streams/{endpointId}", params: { endpointId }, secret: key.secret });
    expect([gone.response.status, gone.body.code]).toEqual([404, "notFound"]);
    const malformed = await call({ method: "POST", path: "/audit-streams/{endpointId}/test", params: { endpointId: "nope" }, secret: key.secret });
    expect(malformed.response.status).toBe(404);
    for (const action of ["auditStream.added", "auditStream.secretRotated", "auditStream.resumed", "auditStream.removed"]) {
      expect([action, await keyEvents(cast.organization.id, action)]).toEqual([action, [["api_key", key.id]]]);
    }

    for (let index = 0; index < 5; index += 1) {
      expect((await call({ method: "POST", path: "/audit-streams", secret: key.secret, body: { url: `https://hooks-${index}.unknown.example/audit` } })).response.status).toBe(201);
    }
    const sixth = await call({ method: "POST", path: "/audit-streams", secret: key.secret, body: { url: "https://hooks-6.unknown.example/audit" } });
    expect([sixth.response.status, sixth.body.code]).toEqual([409, "tooMany"]);

    const team = await createCast(database.db, "team");
    const teamKey = await insertKey(database.db, team.organization.id, ["audit:write"]);
    const refused = await call({ method: "POST", path: "/audit-streams", secret: teamKey.secret, body: { url: "https://hooks.unknown.example/audit" } });
    expect([refused.response.status, refused.body.code]).toEqual([403, "planRequired"]);
  });

  it("the two-step rule: read and set with domains:write on Team; bad input and Free change nothing", async () => {
    const cast = await createCast(database.db, "team");
    const key = await insertKey(database.db, cast.organization.id, ["domains:write"]);
    const before = await call({ method: "GET", path: "/organization/two-step-rule", secret: key.secret });
    expect(before.body).toEqual({ requiredFor: "off", graceDays: 0, since: null, deadline: null, paused: false, withoutTwoStep: { admins: 1, everyone: 3 } });
    const set = await call({ method: "PUT", path: "/organization/two-step-rule", secret: key.secret, body: { requiredFor: "everyone", graceDays: 7 } });
    expect(set.response.status).toBe(200);
    expect(set.body).toMatchObject({ requiredFor: "everyone", graceDays: 7 });
    for (const body of [{ requiredFor: "nobody", graceDays: 7 }, { requiredFor: "admins", graceDays: 31 }, { requiredFor: "admins", graceDays: "7" }, { requiredFor: "admins" }]) {
      expect((await call({ method: "PUT", path: "/organization/two-step-rule", secret: key.secret, body })).response.status).toBe(422);
    }
    const after = await call({ method: "GET", path: "/organization/two-step-rule", secret: key.secret });
    expect(after.body).toMatchObject({ requiredFor: "everyone", graceDays: 7, since: set.body.since });
    expect(Date.parse(String(after.body.deadline)) - Date.parse(String(after.body.since))).toBe(7 * 86_400_000);
    expect(await keyEvents(cast.organization.id, "twoStep.policyChanged")).toEqual([["api_key", key.id]]);

    const free = await createCast(database.db, "free");
    const freeKey = await insertKey(database.db, free.organization.id, ["domains:write"]);
    const refused = await call({ method: "PUT", path: "/organization/two-step-rule", secret: freeKey.secret, body: { requiredFor: "admins", graceDays: 0 } });
    expect([refused.response.status, refused.body.code]).toEqual([403, "planRequired"]);
  });
});
