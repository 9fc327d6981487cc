import type { Database, Db } from "@/db";
import { apiKeys } from "@/db/schema";
import { hashToken, newToken } from "@/lib/core/tokens";
import type { Scope } from "@/lib/core/api-scopes";

/** Makes the route handlers' `getDb()` answer this test file's database. */
export function serveDatabase(database: Database): void {
  (globalThis as typeof globalThis & { __orgConsoleDb?: { opening?: Promise<Database> } }).__orgConsoleDb = { opening: Promise.resolve(database) };
}

/** A key of an organization, straight into the table (the console's path is tested in lib/api-keys). */
export async function insertKey(
  db: Db,
  organizationId: string,
  scopes: readonly Scope[],
  options: { expiresAt?: Date; revokedAt?: Date; name?: string } = {},
): Promise<{ id: string; secret: string }> {
  const secret = `oc_${newToken()}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ organizationId, name: options.name ?? "Test key", prefix: secret.slice(0, 11), secretHash: hashToken(secret), scopes: [...scopes], expiresAt: options.expiresAt, revokedAt: options.revokedAt })
    .returning();
  return { id: row!.id, secret };
}

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const routeModules: Record<string, () => Promise<Record<string, unknown>>> = {
  "/organization": () => import("@/app/api/v1/organization/route"),
  "/organization/chat-purge": () => import("@/app/api/v1/organization/chat-purge/route"),
  "/organization/deletion": () => import("@/app/api/v1/organization/deletion/route"),
  "/jobs/{jobId}": () => import("@/app/api/v1/jobs/[jobId]/route"),
  "/organization/retention": () => import("@/app/api/v1/organization/retention/route"),
  "/exports": () => import("@/app/api/v1/exports/route"),
  "/exports/{exportId}": () => import("@/app/api/v1/exports/[exportId]/route"),
  "/exports/{exportId}/download": () => import("@/app/api/v1/exports/[exportId]/download/route"),
  "/audit-retention": () => import("@/app/api/v1/audit-retention/route"),
  "/audit-streams": () => import("@/app/api/v1/audit-streams/route"),
  "/audit-streams/{endpointId}": () => import("@/app/api/v1/audit-streams/[endpointId]/route"),
  "/audit-streams/{endpointId}/test": () => import("@/app/api/v1/audit-streams/[endpointId]/test/route"),
  "/audit-streams/{endpointId}/rotate-secret": () => import("@/app/api/v1/audit-streams/[endpointId]/rotate-secret/route"),
  "/audit-streams/{endpointId}/resume": () => import("@/app/api/v1/audit-streams/[endpointId]/resume/route"),
  "/organization/two-step-rule": () => import("@/app/api/v1/organization/two-step-rule/route"),
  "/members": () => import("@/app/api/v1/members/route"),
  "/members/{memberId}": () => import("@/app/api/v1/members/[memberId]/route"),
  "/invitations": () => import("@/app/api/v1/invitations/route"),
  "/invitations/{invitationId}": () => import("@/app/api/v1/invitations/[invitationId]/route"),
  "/join-requests": () => import("@/app/api/v1/join-requests/route"),
  "/join-requests/{requestId}/approve": () => import("@/app/api/v1/join-requests/[requestId]/approve/route"),
  "/join-requests/{requestId}/refuse": () => import("@/app/api/v1/join-requests/[requestId]/refuse/route"),
  "/domains": () => import("@/app/api/v1/domains/route"),
  "/domains/{domainId}/verify": () => import("@/app/api/v1/domains/[domainId]/verify/route"),
  "/audit-events": () => import("@/app/api/v1/audit-events/route"),
  "/audit-events/export": () => import("@/app/api/v1/audit-events/export/route"),
  "/openapi.json": () => import("@/app/api/v1/openapi.json/route"),
};

export type ApiCall = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The OpenAPI path template, e.g. `/members/{memberId}`. */
  path: string;
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  secret?: string | null;
  headers?: Record<string, string>;
};

/** Calls a route handler as Next would, with a Request and its params. */
export async function callApi(call: ApiCall): Promise<Response> {
  const load = routeModules[call.path];
  if (!load) throw new Error(`no route ${call.path}`);
  const handler = (await load())[call.method] as RouteHandler | undefined;
  if (!handler) throw new Error(`no ${call.method} on ${call.path}`);
  const concrete = call.path.replace(/\{(\w+)\}/g, (_, name: string) => call.params?.[name] ?? "");
  const headers: Record<string, string> = { ...call.headers };
  if (call.secret) headers.authorization = `Bearer ${call.secret}`;
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    headers["content-type"] ??= "application/json";
  }
  const request = new Request(`http://localhost/api/v1${concrete}${call.query ? `?${call.query}` : ""}`, { method: call.method, headers, body });
  return handler(request, { params: Promise.resolve(call.params ?? {}) });
}

import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/lib/api/openapi";

let validator: Ajv2020 | undefined;
const pointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Holds an answer to the OpenAPI document: its status must be documented for the operation and
 * its body must validate against the documented schema of its content type.
 */
export async function expectContract(call: Pick<ApiCall, "method" | "path">, response: Response): Promise<unknown> {
  if (!validator) {
    validator = new Ajv2020({ strict: false, allErrors: true });
    addFormats(validator);
    validator.addSchema(openApiDocument(), "openapi");
  }
  const text = await response.clone().text();
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
  const at = `openapi#/paths/${pointer(call.path)}/${call.method.toLowerCase()}/responses/${response.status}`;
  const documented = validator.getSchema(`${at}/content/${pointer(contentType)}/schema`);
  if (!documented) throw new Error(`${call.method} ${call.path} answered ${response.status} ${contentType}, which the document does not describe: ${text.slice(0, 300)}`);
  if (contentType === "application/zip") return new Uint8Array(await response.clone().arrayBuffer());
  if (!contentType.endsWith("json") || contentType === "application/x-ndjson") return text;
  const body: unknown = JSON.parse(text);
  if (!documented(body)) throw new Error(`${call.method} ${call.path} ${response.status} does not match the document: ${JSON.stringify(documented.errors).slice(0, 600)} — ${text.slice(0, 300)}`);
  return body;
}
