import "server-only";
import { z } from "zod";
import { addDomainSchema } from "@/lib/domains/domains";
import { invitationSchema, memberRoleSchema, removeMemberSchema } from "@/lib/members/schemas";
import { purgeChatsSchema, renameOrganizationSchema } from "@/lib/organizations/schemas";
import { auditQuerySchema } from "@/lib/audit/export";
import { maxRetentionDays } from "@/lib/lifecycle/schemas";
import { endpointUrlSchema } from "@/lib/audit/streams";
import { scopes, scopeGrants, type Scope } from "@/lib/core/api-scopes";
import { problemCodes, problemStatus, type ProblemCode } from "./problems";

/*
 * The OpenAPI 3.1 document of /api/v1, built from the zod schemas the endpoints and the domain
 * functions parse with (zod 4's own JSON Schema output: draft 2020-12, which OpenAPI 3.1 uses).
 */

const timestamp = z.iso.datetime({ offset: true });
const uuid = z.uuid();
const plan = z.enum(["free", "pro", "team", "enterprise"]);
const role = z.enum(["admin", "member"]);

const organization = z.object({ id: uuid, name: z.string(), plan, createdAt: timestamp, members: z.int().min(0) });
const job = z.object({
  id: uuid,
  kind: z.enum(["purge_chats", "delete_organization"]),
  state: z.enum(["queued", "running", "done", "failed"]),
  progress: z.object({ chats: z.int(), messages: z.int(), totalChats: z.int(), totalMessages: z.int() }).loose(),
  error: z.string().nullable(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
});
const member = z.object({ id: uuid, name: z.string(), email: z.email(), role, billing: z.boolean(), createdAt: timestamp });
const memberListed = member.extend({ lastAdmin: z.boolean() });
const invitation = z.object({ id: uuid, email: z.email(), role, billing: z.boolean(), expiresAt: timestamp, invitedBy: z.string().nullable() });
const domain = z.object({
  id: uuid,
  domain: z.string(),
  status: z.enum(["pending", "verified", "failing"]),
  verificationRecord: z.object({ name: z.string(), value: z.string() }),
  verifiedAt: timestamp.nullable(),
  lastCheckedAt: timestamp.nullable(),
  joinMode: z.enum(["off", "auto", "approval"]),
  createdAt: timestamp,
});
const joinRequest = z.object({ id: uuid, email: z.email(), name: z.string(), createdAt: timestamp });
const auditEvent = z.object({
  id: z.int(),
  action: z.string(),
  target: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  actor: z.object({ kind: z.enum(["person", "api_key", "system"]), id: uuid.nullable(), name: z.string().nullable(), email: z.string().nullable() }),
  clientAddress: z.string().nullable(),
  createdAt: timestamp,
});
const retentionPolicy = z.object({
  days: z.int().min(1).max(maxRetentionDays).nullable().meta({ description: "Days without activity after which a chat is deleted; null when off." }),
  applied: z.boolean().meta({ description: "False below Team: the policy is kept but not applied." }),
});
const exportStatus = z.object({
  id: uuid,
  state: z.enum(["queued", "running", "done", "failed"]),
  rows: z.int().min(0),
  totalRows: z.int().min(0).nullable().meta({ description: "Rows the archive will hold; null while the server is still counting them." }),
  createdAt: timestamp,
  ready: z
    .object({ fileName: z.string(), size: z.int().min(0), expiresAt: timestamp, download: z.string().meta({ description: "GET this path (same key) for the ZIP." }) })
    .nullable()
    .meta({ description: "Null until the archive is built, and again once it has expired (24 hours)." }),
});
const scheduledDeletion = z.object({
  status: z.literal("scheduled_deletion"),
  scheduledFor: timestamp.nullable().meta({ description: "When the organization is deleted; until then an Admin can cancel from the console or the link mailed to Admins." }),
});
const auditStream = z.object({
  id: uuid,
  url: z.string(),
  status: z.enum(["active", "paused"]),
  pausedReason: z.enum(["failing", "plan"]).nullable(),
  failingSince: timestamp.nullable(),
  previousSecretExpiresAt: timestamp.nullable().meta({ description: "Until then the previous secret signs too (after a rotation)." }),
  pending: z.int().min(0),
  createdAt: timestamp,
  deliveries: z.array(
    z.object({
      messageId: z.string(),
      eventId: z.int().nullable(),
      state: z.enum(["pending", "delivered", "failed"]),
      attempts: z.int().min(0),
      lastStatus: z.int().nullable(),
      lastError: z.string().nullable(),
      lastLatencyMs: z.int().nullable(),
      createdAt: timestamp,
      deliveredAt: timestamp.nullable(),
    }),
  ),
});
const twoStepRule = z.object({
  requiredFor: z.enum(["off", "admins", "everyone"]),
  graceDays: z.int().min(0).max(30),
  since: timestamp.nullable().meta({ description: "When the grace period started; null when off." }),
});
const page = (item: z.ZodType) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });
const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  code: z.enum(problemCodes as [ProblemCode, ...ProblemCode[]]),
  detail: z.string().optional(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
});

// Request bodies: the domain's own schemas, as the API receives them (Billing is a JSON boolean).
const renameBody = renameOrganizationSchema;
const confirmationBody = purgeChatsSchema("").meta({ description: "`confirmation` is the organization's exact name." });
const memberRoleBody = memberRoleSchema.pick({ role: true }).extend({ billing: z.boolean().optional() });
const removeMemberBody = removeMemberSchema.pick({ confirmation: true });
const invitationBody = invitationSchema.pick({ email: true, role: true }).extend({ billing: z.boolean().optional() });
const domainBody = addDomainSchema;
const auditRetentionBody = z.object({ days: z.int().min(30).max(3650).nullable() }).meta({ description: "`days` from 30 to 3650, or null to keep events forever." });
const twoStepRuleBody = z.object({ requiredFor: z.enum(["off", "admins", "everyone"]), graceDays: z.int().min(0).max(30) });
const retentionBody = z.object({ days: z.int().min(1).max(maxRetentionDays).nullable() }).meta({ description: "`days` from 1 to 3650, or null to turn the policy off." });

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  return rest;
}

type Operation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  scope: Scope | null;
  success: { status: number; schema: z.ZodType; description: string };
  body?: z.ZodType;
  query?: z.ZodObject;
  problems: ProblemCode[];
  /** Answers a streamed file of these content types rather than JSON. */
  download?: readonly string[];
};

const common: ProblemCode[] = ["unauthenticated", "forbidden", "organizationDeleted", "rateLimited", "unavailable"];
const writes: ProblemCode[] = [...common, "invalidJson", "payloadTooLarge", "validation"];

export const apiOperations: Operation[] = [
  { method: "get", path: "/organization", summary: "Read the organization", scope: "organization:read", success: { status: 200, schema: organization, description: "The organization" }, problems: common },
  { method: "patch", path: "/organization", summary: "Rename the organization", scope: "organization:write", body: renameBody, success: { status: 200, schema: organization, description: "The renamed organization" }, problems: writes },
  { method: "post", path: "/organization/chat-purge", summary: "Delete every chat of the organization", scope: "organization:write", body: confirmationBody, success: { status: 202, schema: job, description: "The purge job" }, problems: [...writes, "idempotencyKeyReused", "idempotencyKeyInProgress"] },
  {
    method: "post",
    path: "/organization/deletion",
    summary: "Delete the organization",
    scope: "organization:delete",
    body: confirmationBody,
    success: {
      status: 202,
      schema: z.union([job, scheduledDeletion]),
      description: "The deletion job; or, when the server keeps a grace period (ORGANIZATION_DELETION_GRACE_DAYS), `scheduled_deletion` and when it happens",
    },
    problems: [...writes, "idempotencyKeyReused", "idempotencyKeyInProgress"],
  },
  { method: "get", path: "/organization/retention", summary: "Read the chat retention policy (Team and Enterprise)", scope: "organization:write", success: { status: 200, schema: retentionPolicy, description: "The policy" }, problems: common },
  {
    method: "put",
    path: "/organization/retention",
    summary: "Set the chat retention policy (Team and Enterprise)",
    scope: "organization:write",
    body: retentionBody,
    success: { status: 200, schema: retentionPolicy.extend({ changed: z.boolean() }), description: "The policy as saved; the daily round applies it" },
    problems: writes,
  },
  { method: "post", path: "/exports", summary: "Export the organization's data (a ZIP built in the background)", scope: "organization:export", success: { status: 202, schema: exportStatus, description: "The export; this key's own export still being built if there is one" }, problems: [...common, "exportInProgress", "idempotencyKeyReused", "idempotencyKeyInProgress"] },
  { method: "get", path: "/exports/{exportId}", summary: "Follow an export", scope: "organization:export", success: { status: 200, schema: exportStatus, description: "Its progress and, once built, its download" }, problems: [...common, "notFound"] },
  {
    method: "get",
    path: "/exports/{exportId}/download",
    summary: "Download an export (the key that started it only)",
    scope: "organization:export",
    success: { status: 200, schema: z.string(), description: "The ZIP archive: one NDJSON file per kind of data" },
    download: ["application/zip"],
    problems: [...common, "notFound", "expired"],
  },
  { method: "get", path: "/jobs/{jobId}", summary: "Follow a job", scope: "organization:read", success: { status: 200, schema: job, description: "The job and its progress" }, problems: [...common, "notFound"] },
  { method: "get", path: "/members", summary: "List members", scope: "members:read", query: z.object({ query: z.string().max(100).optional(), cursor: z.string().optional(), limit: z.int().min(1).max(100).optional() }), success: { status: 200, schema: page(memberListed), description: "A page of members, oldest first" }, problems: [...common, "validation"] },
  { method: "patch", path: "/members/{memberId}", summary: "Change a member's role and Billing", scope: "members:write", body: memberRoleBody, success: { status: 200, schema: member, description: "The member" }, problems: [...writes, "notFound", "lastAdmin"] },
  { method: "delete", path: "/members/{memberId}", summary: "Remove a member", scope: "members:write", body: removeMemberBody, success: { status: 200, schema: z.object({ email: z.email(), name: z.string() }), description: "Who was removed" }, problems: [...writes, "notFound", "lastAdmin", "memberEmailMismatch"] },
  { method: "get", path: "/invitations", summary: "List pending invitations", scope: "members:read", success: { status: 200, schema: z.object({ data: z.array(invitation) }), description: "Pending invitations, newest first" }, problems: common },
  { method: "post", path: "/invitations", summary: "Invite someone (Team and Enterprise)", scope: "members:write", body: invitationBody, success: { status: 201, schema: invitation.extend({ mail: z.enum(["sent", "notConfigured", "failed"]) }), description: "The invitation; its link was mailed" }, problems: [...writes, "emailHasAccount", "emailDomainClaimed", "idempotencyKeyReused", "idempotencyKeyInProgress"] },
  { method: "delete", path: "/invitations/{invitationId}", summary: "Revoke an invitation", scope: "members:write", success: { status: 200, schema: z.object({ id: uuid, email: z.email(), revoked: z.literal(true) }), description: "The revoked invitation" }, problems: [...common, "notFound"] },
  { method: "get", path: "/join-requests", summary: "List join requests", scope: "domains:write", success: { status: 200, schema: z.object({ data: z.array(joinRequest) }), description: "Waiting requests, oldest first" }, problems: common },
  { method: "post", path: "/join-requests/{requestId}/approve", summary: "Approve a join request (Team and Enterprise)", scope: "domains:write", success: { status: 200, schema: z.object({ id: uuid, email: z.email(), decision: z.literal("approve") }), description: "The approved request" }, problems: [...common, "notFound", "planRequired", "emailTaken", "idempotencyKeyReused", "idempotencyKeyInProgress"] },
  { method: "post", path: "/join-requests/{requestId}/refuse", summary: "Refuse a join request", scope: "domains:write", success: { status: 200, schema: z.object({ id: uuid, email: z.email(), decision: z.literal("reject") }), description: "The refused request" }, problems: [...common, "notFound", "idempotencyKeyReused", "idempotencyKeyInProgress"] },
  { method: "get", path: "/domains", summary: "List email domains", scope: "domains:write", success: { status: 200, schema: z.object({ data: z.array(domain) }), description: "The organization's domains" }, problems: common },
  { method: "post", path: "/domains", summary: "Add an email domain", scope: "domains:write", body: domainBody, success: { status: 201, schema: domain, description: "The domain and the TXT record that verifies it" }, problems: [...writes, "alreadyAdded", "consumerDomain", "takenByAnotherOrganization", "idempotencyKeyReused", "idempotencyKeyInProgress"] },
  { method: "post", path: "/domains/{domainId}/verify", summary: "Verify a domain now", scope: "domains:write", success: { status: 200, schema: domain.extend({ check: z.object({ outcome: z.string() }).loose() }), description: "The domain and what the lookup found" }, problems: [...common, "notFound", "idempotencyKeyReused", "idempotencyKeyInProgress"] },
  { method: "get", path: "/audit-events", summary: "List audit events", scope: "audit:read", query: auditQuerySchema.omit({ before: true }).extend({ cursor: z.string().optional() }), success: { status: 200, schema: page(auditEvent), description: "A page of events, newest first" }, problems: [...common, "validation"] },
  { method: "get", path: "/audit-retention", summary: "Read how long audit events are kept", scope: "audit:read", success: { status: 200, schema: z.object({ days: z.int().nullable(), allowed: z.boolean().meta({ description: "Whether the plan lets it be set (Enterprise)." }) }), description: "The retention; null keeps events forever" }, problems: common },
  { method: "put", path: "/audit-retention", summary: "Set how long audit events are kept (Enterprise)", scope: "audit:write", body: auditRetentionBody, success: { status: 200, schema: z.object({ days: z.int().nullable(), changed: z.boolean() }), description: "The retention as saved; the daily round applies it" }, problems: [...writes, "planRequired"] },
  { method: "get", path: "/audit-streams", summary: "List audit streaming endpoints (Enterprise)", scope: "audit:write", success: { status: 200, schema: z.object({ data: z.array(auditStream) }), description: "The endpoints, oldest first, each with its latest deliveries" }, problems: [...common, "planRequired"] },
  {
    method: "post",
    path: "/audit-streams",
    summary: "Add an audit streaming endpoint (Enterprise)",
    scope: "audit:write",
    body: endpointUrlSchema.meta({ description: "An https URL on a public address." }),
    success: { status: 201, schema: z.object({ id: uuid, url: z.string(), secret: z.string().meta({ description: "The Standard Webhooks signing secret (whsec_…): shown in this answer only." }) }), description: "The endpoint and its signing secret" },
    problems: [...writes, "planRequired", "tooMany", "idempotencyKeyReused", "idempotencyKeyInProgress"],
  },
  { method: "delete", path: "/audit-streams/{endpointId}", summary: "Remove an audit streaming endpoint", scope: "audit:write", success: { status: 200, schema: z.object({ id: uuid, removed: z.literal(true) }), description: "The removed endpoint" }, problems: [...common, "planRequired", "notFound"] },
  { method: "post", path: "/audit-streams/{endpointId}/test", summary: "Send a signed test event now", scope: "audit:write", success: { status: 200, schema: z.object({ delivered: z.boolean(), status: z.int().nullable(), error: z.string().nullable(), latencyMs: z.int().min(0) }), description: "What the endpoint answered (never retried)" }, problems: [...common, "planRequired", "notFound", "idempotencyKeyReused", "idempotencyKeyInProgress"] },
  { method: "post", path: "/audit-streams/{endpointId}/rotate-secret", summary: "Rotate an endpoint's signing secret", scope: "audit:write", success: { status: 200, schema: z.object({ id: uuid, secret: z.string(), previousValidUntil: timestamp }), description: "The new secret, shown in this answer only; the previous one signs too for 24 hours" }, problems: [...common, "planRequired", "notFound", "idempotencyKeyReused", "idempotencyKeyInProgress"] },
  { method: "post", path: "/audit-streams/{endpointId}/resume", summary: "Resume a paused endpoint", scope: "audit:write", success: { status: 200, schema: z.object({ id: uuid, status: z.literal("active") }), description: "The endpoint is active; what waited is delivered in order" }, problems: [...common, "planRequired", "notFound", "idempotencyKeyReused", "idempotencyKeyInProgress"] },
  {
    method: "get",
    path: "/organization/two-step-rule",
    summary: "Read the two-step sign-in rule",
    scope: "domains:write",
    success: {
      status: 200,
      schema: twoStepRule.extend({
        deadline: timestamp.nullable().meta({ description: "When the grace period ends; null when off." }),
        paused: z.boolean().meta({ description: "True when the plan no longer includes the rule (kept, not enforced)." }),
        withoutTwoStep: z.object({ admins: z.int().min(0), everyone: z.int().min(0) }).meta({ description: "How many people each choice covers who have not set it up." }),
      }),
      description: "The rule",
    },
    problems: common,
  },
  { method: "put", path: "/organization/two-step-rule", summary: "Set the two-step sign-in rule (Team and Enterprise)", scope: "domains:write", body: twoStepRuleBody, success: { status: 200, schema: twoStepRule, description: "The rule as saved" }, problems: [...writes, "planRequired"] },
  {
    method: "get",
    path: "/audit-events/export",
    summary: "Export audit events (streamed NDJSON or CSV)",
    scope: "audit:read",
    query: auditQuerySchema.omit({ before: true, limit: true }).extend({ format: z.enum(["ndjson", "csv"]).optional() }),
    success: { status: 200, schema: z.string(), description: "Every matching event, newest first; CSV cells starting with = + - @ are prefixed with '" },
    download: ["application/x-ndjson", "text/csv"],
    problems: [...common, "validation"],
  },
];

const rateHeaders = {
  "RateLimit-Limit": { schema: { type: "integer" }, description: "Requests allowed per minute for this key" },
  "RateLimit-Remaining": { schema: { type: "integer" }, description: "Requests left in this minute" },
  "RateLimit-Reset": { schema: { type: "integer" }, description: "Seconds until the minute ends" },
};

function parameters(operation: Operation) {
  const path = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({ name: match[1], in: "path", required: true, schema: { type: "string", format: "uuid" } }));
  const query = operation.query
    ? Object.entries(operation.query.shape).map(([name, schema]) => ({ name, in: "query", required: false, schema: jsonSchema(schema as z.ZodType, "input") }))
    : [];
  const idempotency = operation.method === "post" ? [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 }, description: "The same key and body within 24 hours returns the first answer; while that first request is still running, an identical one answers 409 with Retry-After." }] : [];
  return [...path, ...query, ...idempotency];
}

/** The document served at /api/v1/openapi.json. */
export function openApiDocument(serverUrl = "/api/v1") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of apiOperations) {
    const responses: Record<string, unknown> = {
      [operation.success.status]: {
        description: operation.success.description,
        headers: rateHeaders,
        content: operation.download
          ? Object.fromEntries(operation.download.map((type) => [type, { schema: type === "application/zip" ? { type: "string", contentEncoding: "binary" } : { type: "string" } }]))
          : { "application/json": { schema: jsonSchema(operation.success.schema, "output") } },
      },
    };
    for (const code of operation.problems) {
      const status = String(problemStatus[code]);
      const existing = responses[status] as { description: string } | undefined;
      responses[status] = { description: existing ? `${existing.description}; ${code}` : code, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
    }
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = {
      operationId: `${operation.method}${operation.path.replace(/[{}]/g, "").replace(/[-/](\w)/g, (_, c: string) => c.toUpperCase())}`,
      summary: operation.summary,
      description: operation.scope ? `Scope: \`${operation.scope}\`.` : undefined,
      parameters: parameters(operation),
      ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(operation.body, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Org Console Admin API",
      version: "1.0.0",
      description: "Automate an organization's administration with an API key. Errors are RFC 9457 problems, titled in the language of Accept-Language (fr or en).",
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An organization API key (oc_…), created on the console's API keys page." } },
      schemas: { Problem: jsonSchema(problem, "output") },
    },
    "x-scopes": Object.fromEntries(scopes.map((scope) => [scope, scopeGrants[scope]])),
  };
}
