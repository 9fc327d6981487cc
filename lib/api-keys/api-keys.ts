import "server-only";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { apiKeys, deletedApiKeys, organizations, type ApiKey } from "@/db/schema";
import type { Db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { auditActorOf, type KeyActor, type RequestContext, type Viewer } from "@/lib/core/actor";
import { isScope, type Scope } from "@/lib/core/api-scopes";
import { guard } from "@/lib/core/guard";
import { fail, type Result } from "@/lib/core/result";
import { hashToken, newToken } from "@/lib/core/tokens";
import { requireRecentCheck } from "@/lib/two-step/step-up";
import { createApiKeySchema, revokeApiKeySchema } from "./schemas";

/** Every secret starts with this, so a leaked one is recognizable (and secret scanners can match it). */
export const secretPrefix = "oc_";

/** How many characters of the secret the list shows, to tell keys apart. */
const visiblePrefixLength = secretPrefix.length + 8;

/** The last-used time and address are written at most this often per key: reads stay cheap. */
const lastUsedPrecisionMs = 60_000;

export type ApiKeyError = "forbidden" | "validation" | "notFound" | "stepUpRequired";

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedAddress: string | null;
};

const dayMs = 24 * 60 * 60 * 1000;

function summaryOf(key: ApiKey): ApiKeySummary {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes.filter(isScope),
    createdBy: key.createdByName,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
    lastUsedAddress: key.lastUsedAddress,
  };
}

/**
 * Creates a key for the Admin's organization; the secret comes back once and is never stored.
 * A key outlives its creator's session, so a check older than 10 minutes asks again first (step-up).
 */
export async function createApiKey(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ secret: string; key: ApiKeySummary }, ApiKeyError>> {
  const door = guard(caller, "apiKeys.manage", createApiKeySchema, input);
  if (!door.ok) return door;
  const { actor } = door;
  const stale = await requireRecentCheck(db, actor, { now });
  if (stale) return stale;
  const { name, scopes, expiry } = door.input;
  const secret = `${secretPrefix}${newToken()}`;
  const expiresAt = expiry === "never" ? null : new Date(now.getTime() + Number(expiry) * dayMs);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        organizationId: actor.organization.id,
        name,
        prefix: secret.slice(0, visiblePrefixLength),
        secretHash: hashToken(secret),
        scopes,
        createdBy: actor.id,
        createdByName: actor.name,
        createdAt: now,
        expiresAt,
      })
      .returning();
    await recordAudit(tx, {
      organizationId: actor.organization.id,
      ...auditActorOf(actor),
      action: "apiKey.created",
      target: name,
      data: { keyId: row!.id, prefix: row!.prefix, scopes, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { ok: true as const, secret, key: summaryOf(row!) };
  });
}

/** The organization's keys, newest first, revoked ones included (they show as revoked). */
export async function listApiKeys(db: Db, caller: Viewer | null): Promise<Result<{ keys: ApiKeySummary[] }, "forbidden">> {
  const door = guard(caller, "apiKeys.manage");
  if (!door.ok) return door;
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.organizationId, door.actor.organization.id)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return { ok: true, keys: rows.map(summaryOf) };
}

/** Revokes a key of the Admin's organization: from this moment every request with it is refused. */
export async function revokeApiKey(db: Db, caller: Viewer | null, input: Record<string, unknown>, now = new Date()): Promise<Result<{ key: ApiKeySummary }, ApiKeyError>> {
  const door = guard(caller, "apiKeys.manage", revokeApiKeySchema, input, { invalid: () => fail("notFound") });
  if (!door.ok) return door;
  const { actor } = door;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, door.input.keyId), eq(apiKeys.organizationId, actor.organization.id), isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) return fail("notFound");
    await recordAudit(tx, { organizationId: actor.organization.id, ...auditActorOf(actor), action: "apiKey.revoked", target: row.name, data: { keyId: row.id, prefix: row.prefix } });
    return { ok: true as const, key: summaryOf(row) };
  });
}

export type KeyRefusal = "unauthenticated" | "keyRevoked" | "keyExpired" | "organizationDeleted";

/** The secret of an `Authorization: Bearer …` header, or null when the header is missing or malformed. */
export function bearerSecret(header: string | null): string | null {
  const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(header ?? "");
  if (!match) return null;
  const secret = match[1]!;
  return secret.startsWith(secretPrefix) && /^[A-Za-z0-9_-]+$/.test(secret) ? secret : null;
}

/**
 * The actor a bearer secret stands for, as the database says now: a revoked or expired key, or a
 * key of an organization being deleted, is refused with its own code.
 */
export async function authenticateApiKey(
  db: Db,
  authorization: string | null,
  context: RequestContext = {},
  now = new Date(),
): Promise<{ ok: true; actor: KeyActor } | { ok: false; error: KeyRefusal }> {
  const secret = bearerSecret(authorization);
  if (!secret) return { ok: false, error: "unauthenticated" };
  const [row] = await db
    .select({ key: apiKeys, organization: { id: organizations.id, name: organizations.name, plan: organizations.plan, status: organizations.status, createdAt: organizations.createdAt } })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .where(eq(apiKeys.secretHash, hashToken(secret)));
  if (!row) {
    // A key of an organization whose deletion finished: its row went with it, its hash stayed.
    const [gone] = await db.select({ organizationId: deletedApiKeys.organizationId }).from(deletedApiKeys).where(eq(deletedApiKeys.secretHash, hashToken(secret)));
    return { ok: false, error: gone ? "organizationDeleted" : "unauthenticated" };
  }
  const { key, organization } = row;
  if (key.revokedAt) return { ok: false, error: "keyRevoked" };
  if (key.expiresAt && key.expiresAt <= now) return { ok: false, error: "keyExpired" };
  if (organization.status !== "active") return { ok: false, error: "organizationDeleted" };
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= lastUsedPrecisionMs || key.lastUsedAddress !== (context.clientAddress ?? null)) {
    await noteUse(db, key.id, context.clientAddress ?? null, now);
  }
  const { status: _status, ...current } = organization;
  return {
    ok: true,
    actor: { kind: "api_key", id: key.id, name: key.name, scopes: key.scopes.filter(isScope), plan: organization.plan, organization: current },
  };
}

/** One conditional update: concurrent requests within the same minute write nothing more. */
async function noteUse(db: Db, keyId: string, clientAddress: string | null, now: Date): Promise<void> {
  const stale = new Date(now.getTime() - lastUsedPrecisionMs).toISOString();
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now, lastUsedAddress: clientAddress })
    .where(
      and(
        eq(apiKeys.id, keyId),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`${stale}::timestamptz`), sql`${apiKeys.lastUsedAddress} is distinct from ${clientAddress}`),
      ),
    );
}
