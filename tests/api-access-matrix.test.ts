import { asc, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys, auditChains, auditEvents, auditStreamEndpoints, chats, invitations, jobs, joinRequests, organizationDomains, organizations, twoStepPolicies, users, type Plan } from "@/db/schema";
import { encryptSecret } from "@/lib/core/encryption";
import { decide, type Action, type KeySubject } from "@/lib/core/permissions";
import { scopes, type Scope } from "@/lib/core/api-scopes";
import { plans } from "@/lib/core/plans";
import { hashToken } from "@/lib/core/tokens";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { dnsServerForThisFile } from "@/tests/support/dns-server";
import { createCast, createChats, createOrganization, createUser } from "@/tests/support/factories";
import { callApi, expectContract, insertKey, serveDatabase, type ApiCall } from "@/tests/support/api";

/**
 * Every /api/v1 endpoint × (each scope alone, all scopes, no scope) × every plan, plus a key of
 * another organization, a revoked, an expired and no key. Allowed exactly when the matrix says so
 * for a key with those scopes on that plan; every refusal leaves the database as it was; every
 * answer matches the OpenAPI document.
 */

type World = { organizationId: string; name: string; memberId: string; memberEmail: string; invitationId: string; requestId: string; domainId: string; jobId: string; exportId: string; endpointId: string };

type Endpoint = { call: (world: World) => ApiCall; actions: Action[]; mutates: boolean; destroys?: boolean };

const endpoints: Endpoint[] = [
  { call: () => ({ method: "GET", path: "/organization" }), actions: ["organization.view"], mutates: false },
  { call: () => ({ method: "PATCH", path: "/organization", body: { name: `Renamed ${Math.random().toString(36).slice(2, 8)}` } }), actions: ["organization.rename"], mutates: true },
  { call: (w) => ({ method: "POST", path: "/organization/chat-purge", body: { confirmation: w.name } }), actions: ["organization.purgeChats"], mutates: true },
  { call: (w) => ({ method: "GET", path: "/jobs/{jobId}", params: { jobId: w.jobId } }), actions: ["organization.view"], mutates: false },
  { call: () => ({ method: "GET", path: "/members" }), actions: ["members.view"], mutates: false },
  { call: (w) => ({ method: "PATCH", path: "/members/{memberId}", params: { memberId: w.memberId }, body: { role: "admin", billing: true } }), actions: ["members.manage"], mutates: true },
  { call: (w) => ({ method: "DELETE", path: "/members/{memberId}", params: { memberId: w.memberId }, body: { confirmation: w.memberEmail } }), actions: ["members.manage"], mutates: true },
  { call: () => ({ method: "GET", path: "/invitations" }), actions: ["members.view"], mutates: false },
  { call: () => ({ method: "POST", path: "/invitations", body: { email: `invitee-${Math.random().toString(36).slice(2)}@example.test` } }), actions: ["members.invite"], mutates: true },
  { call: (w) => ({ method: "DELETE", path: "/invitations/{invitationId}", params: { invitationId: w.invitationId } }), actions: ["members.manage"], mutates: true },
  { call: () => ({ method: "GET", path: "/join-requests" }), actions: ["authentication.manage"], mutates: false },
  { call: (w) => ({ method: "POST", path: "/join-requests/{requestId}/approve", params: { requestId: w.requestId } }), actions: ["authentication.manage", "authentication.emailDomain"], mutates: true },
  { call: (w) => ({ method: "POST", path: "/join-requests/{requestId}/refuse", params: { requestId: w.requestId } }), actions: ["authentication.manage"], mutates: true },
  { call: () => ({ method: "GET", path: "/domains" }), actions: ["authentication.manage"], mutates: false },
  { call: () => ({ method: "POST", path: "/domains", body: { domain: `corp-${Math.random().toString(36).slice(2, 8)}.example` } }), actions: ["authentication.manage"], mutates: true },
  { call: (w) => ({ method: "POST", path: "/domains/{domainId}/verify", params: { domainId: w.domainId } }), actions: ["authentication.manage"], mutates: false },
  { call: () => ({ method: "GET", path: "/audit-events" }), actions: ["audit.view"], mutates: false },
  { call: () => ({ method: "GET", path: "/audit-events/export", query: "format=csv" }), actions: ["audit.view"], mutates: false },
  { call: () => ({ method: "GET", path: "/organization/retention" }), actions: ["organization.retention"], mutates: false },
  { call: () => ({ method: "PUT", path: "/organization/retention", body: { days: 30 + Math.floor(Math.random() * 300) } }), actions: ["organization.retention"], mutates: true },
  { call: () => ({ method: "POST", path: "/exports" }), actions: ["organization.export"], mutates: true },
  { call: (w) => ({ method: "GET", path: "/exports/{exportId}", params: { exportId: w.exportId } }), actions: ["organization.export"], mutates: false },
  { call: (w) => ({ method: "GET", path: "/exports/{exportId}/download", params: { exportId: w.exportId } }), actions: ["organization.export"], mutates: false },
  { call: () => ({ method: "GET", path: "/audit-retention" }), actions: ["audit.view"], mutates: false },
  { call: () => ({ method: "PUT", path: "/audit-retention", body: { days: 30 + Math.floor(Math.random() * 300) } }), actions: ["audit.retention"], mutates: true },
  { call: () => ({ method: "GET", path: "/audit-streams" }), actions: ["audit.stream"], mutates: false },
  { call: () => ({ method: "POST", path: "/audit-streams", body: { url: `https://hooks-${Math.random().toString(36).slice(2, 8)}.example/audit` } }), actions: ["audit.stream"], mutates: true },
  { call: (w) => ({ method: "POST", path: "/audit-streams/{endpointId}/test", params: { endpointId: w.endpointId } }), actions: ["audit.stream"], mutates: false },
  { call: (w) => ({ method: "POST", path: "/audit-streams/{endpointId}/rotate-secret", params: { endpointId: w.endpointId } }), actions: ["audit.stream"], mutates: true },
  { call: (w) => ({ method: "POST", path: "/audit-streams/{endpointId}/resume", params: { endpointId: w.endpointId } }), actions: ["audit.stream"], mutates: true },
  { call: (w) => ({ method: "DELETE", path: "/audit-streams/{endpointId}", params: { endpointId: w.endpointId } }), actions: ["audit.stream"], mutates: true },
  { call: () => ({ method: "GET", path: "/organization/two-step-rule" }), actions: ["authentication.manage"], mutates: false },
  { call: () => ({ method: "PUT", path: "/organization/two-step-rule", body: { requiredFor: "admins", graceDays: Math.floor(Math.random() * 30) } }), actions: ["twoStep.policy"], mutates: true },
  { call: (w) => ({ method: "POST", path: "/organization/deletion", body: { confirmation: w.name } }), actions: ["organization.delete"], mutates: true, destroys: true },
];

const scopeSets: { label: string; scopes: readonly Scope[] }[] = [
  ...scopes.map((scope) => ({ label: scope, scopes: [scope] })),
  { label: "all scopes", scopes },
  { label: "no scope", scopes: [] },
];

const database = testDatabaseForThisFile();
const dns = dnsServerForThisFile();
beforeAll(() => {
  serveDatabase(database);
  process.env.DNS_SERVER = dns.address;
});

async function buildWorld(db: Db, plan: Plan): Promise<World> {
  const cast = await createCast(db, plan);
  await createChats(db, cast.organization.id, cast.member.id, 1);
  const [invitation] = await db
    .insert(invitations)
    .values({ organizationId: cast.organization.id, email: `pending-${cast.member.id}@example.test`, tokenHash: hashToken(cast.member.id), invitedBy: cast.admin.id, expiresAt: new Date(Date.now() + 86_400_000) })
    .returning();
  const [domain] = await db.insert(organizationDomains).values({ organizationId: cast.organization.id, domain: `d-${cast.member.id.slice(0, 8)}.example`, verificationToken: "token", status: "verified", joinMode: "approval" }).returning();
  const [request] = await db
    .insert(joinRequests)
    .values({ organizationId: cast.organization.id, domainId: domain!.id, email: `joiner-${cast.member.id.slice(0, 8)}@${domain!.domain}`, name: "Joiner", passwordHash: "x" })
    .returning();
  const [job] = await db.insert(jobs).values({ kind: "purge_chats", organizationId: cast.organization.id, state: "done", progress: { chats: 0, messages: 0, totalChats: 0, totalMessages: 0 } }).returning();
  // An export the Admin started in the console: no key may follow or download it (404 once allowed).
  const [exported] = await db
    .insert(jobs)
    .values({ kind: "export", organizationId: cast.organization.id, requestedBy: cast.admin.id, state: "done", progress: { chats: 0, messages: 0, rows: 0, totalChats: 0, totalMessages: 0 } })
    .returning();
  // A paused endpoint whose name no DNS answers: the test event fails without leaving the machine.
  const [endpoint] = await db
    .insert(auditStreamEndpoints)
    .values({ organizationId: cast.organization.id, url: "https://hooks.unknown.example/audit", secret: encryptSecret("whsec_dGVzdC1zZWNyZXQtZm9yLXRoZS1tYXRyaXg="), status: "paused", pausedReason: "failing" })
    .returning();
  return {
    organizationId: cast.organization.id,
    name: cast.organization.name,
    memberId: cast.member.id,
    memberEmail: cast.member.email,
    invitationId: invitation!.id,
    requestId: request!.id,
    domainId: domain!.id,
    jobId: job!.id,
    exportId: exported!.id,
    endpointId: endpoint!.id,
  };
}

/** Everything an endpoint could change in these organizations (key usage columns aside). */
async function snapshot(db: Db, ids: string[]) {
  const byOrganization = <T extends { organizationId: unknown }>(table: T) => inArray(table.organizationId as never, ids);
  return {
    organizations: await db.select().from(organizations).where(inArray(organizations.id, ids)).orderBy(asc(organizations.id)),
    users: await db.select().from(users).where(byOrganization(users)).orderBy(asc(users.id)),
    invitations: await db.select().from(invitations).where(byOrganization(invitations)).orderBy(asc(invitations.id)),
    chats: await db.select().from(chats).where(byOrganization(chats)).orderBy(asc(chats.id)),
    domains: await db.select().from(organizationDomains).where(byOrganization(organizationDomains)).orderBy(asc(organizationDomains.id)),
    joinRequests: await db.select().from(joinRequests).where(byOrganization(joinRequests)).orderBy(asc(joinRequests.id)),
    jobs: await db.select().from(jobs).where(inArray(jobs.organizationId, ids)).orderBy(asc(jobs.id)),
    audit: await db.select().from(auditEvents).where(byOrganization(auditEvents)).orderBy(asc(auditEvents.id)),
    keys: await db.select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt }).from(apiKeys).where(byOrganization(apiKeys)).orderBy(asc(apiKeys.id)),
    streams: await db.select().from(auditStreamEndpoints).where(byOrganization(auditStreamEndpoints)).orderBy(asc(auditStreamEndpoints.id)),
    auditChains: await db.select({ organizationId: auditChains.organizationId, retentionDays: auditChains.retentionDays }).from(auditChains).where(byOrganization(auditChains)),
    twoStepRules: await db.select().from(twoStepPolicies).where(byOrganization(twoStepPolicies)),
  };
}

async function keysFor(world: World) {
  const keys = new Map<string, string>();
  for (const set of scopeSets) keys.set(set.label, (await insertKey(database.db, world.organizationId, set.scopes)).secret);
  return keys;
}

async function run(call: ApiCall) {
  const response = await callApi(call);
  const body = (await expectContract(call, response)) as { code?: string } | string;
  return { status: response.status, code: typeof body === "string" ? undefined : body.code };
}

describe.each(plans)("on the %s plan", (plan) => {
  it("every endpoint × every scope set answers as the matrix says, and a refusal changes nothing", async () => {
    let world = await buildWorld(database.db, plan);
    let keys = await keysFor(world);
    // A refusal changes nothing, so the state after it is the state before the next call.
    let state: Awaited<ReturnType<typeof snapshot>> | null = null;
    for (const endpoint of endpoints) {
      for (const set of scopeSets) {
        const subject: KeySubject = { kind: "api_key", scopes: set.scopes, plan };
        const allowed = endpoint.actions.every((action) => decide(subject, action).allowed);
        const request = endpoint.call(world);
        const label = `${request.method} ${request.path} with ${set.label}`;
        const before = state ?? (await snapshot(database.db, [world.organizationId]));
        const answer = await run({ ...request, secret: keys.get(set.label) });
        if (!allowed) {
          expect({ label, status: answer.status }).toEqual({ label, status: 403 });
          state = await snapshot(database.db, [world.organizationId]);
          expect(state).toEqual(before);
        } else {
          expect({ label, allowed: ![401, 403].includes(answer.status) }).toEqual({ label, allowed: true });
          state = null;
          if (endpoint.destroys && answer.status === 202) {
            world = await buildWorld(database.db, plan);
            keys = await keysFor(world);
          }
        }
      }
    }
  });
});

describe("keys that are not this organization's valid keys", () => {
  it("another organization's key, a revoked, an expired and no key change nothing here", async () => {
    const world = await buildWorld(database.db, "enterprise");
    const other = await createOrganization(database.db, { plan: "enterprise" });
    await createUser(database.db, other.id, { role: "admin" });
    const outsider = await insertKey(database.db, other.id, scopes);
    const revoked = await insertKey(database.db, world.organizationId, scopes, { revokedAt: new Date() });
    const expired = await insertKey(database.db, world.organizationId, scopes, { expiresAt: new Date(Date.now() - 1) });
    for (const endpoint of endpoints) {
      const before = await snapshot(database.db, [world.organizationId]);
      for (const [secret, expected] of [[revoked.secret, "keyRevoked"], [expired.secret, "keyExpired"], [null, "unauthenticated"]] as const) {
        const answer = await run({ ...endpoint.call(world), secret });
        expect({ path: endpoint.call(world).path, status: answer.status, code: answer.code }).toEqual({ path: endpoint.call(world).path, status: 401, code: expected });
      }
      const answer = await run({ ...endpoint.call(world), secret: outsider.secret });
      if ("params" in endpoint.call(world)) expect({ path: endpoint.call(world).path, status: answer.status }).toEqual({ path: endpoint.call(world).path, status: 404 });
      expect(await snapshot(database.db, [world.organizationId])).toEqual(before);
    }
  });
});
