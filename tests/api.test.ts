import { and, eq } from "drizzle-orm";
import SwaggerParser from "@apidevtools/swagger-parser";
import { apiIdempotency, apiKeys, auditEvents, invitations, organizations } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { deleteOldIdempotencyRecords } from "@/lib/api-keys/limits";
import { scopes } from "@/lib/core/api-scopes";
import { openApiDocument } from "@/lib/api/openapi";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, createUser, viewerOf } from "@/tests/support/factories";
import { callApi, expectContract, insertKey, serveDatabase, type ApiCall } from "@/tests/support/api";

const database = testDatabaseForThisFile();
beforeAll(() => serveDatabase(database));

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
