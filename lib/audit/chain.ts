import "server-only";
import { createHmac } from "node:crypto";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { auditChains, auditEvents, type AuditActorKind } from "@/db/schema";
import { queryRows, type Db, type Tx } from "@/lib/core/db";
import { auditChainKey } from "@/lib/core/secrets";

/**
 * The audit log's hash chain. Each event's hash is HMAC-SHA256(AUDIT_CHAIN_KEY, previous hash + "\n" +
 * canonical content); the first event of an organization chains from `genesisHash`, one after events
 * removed by retention from the last removed event's hash (kept in audit_chains). The key never enters
 * the database, so someone with database access alone cannot recompute a hash after an edit.
 */

/** What the hash covers: every column of the event but its database id and the hash itself. */
export type ChainedContent = {
  organizationId: string;
  sequence: number;
  actorId: string | null;
  actorKind: AuditActorKind;
  actorName: string | null;
  actorEmail: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  action: string;
  target: string | null;
  data: unknown;
  createdAt: Date;
};

/** The hashed part of a stored event, field by field (a column added later is not silently covered). */
export function contentOf(row: ChainedContent): ChainedContent {
  return {
    organizationId: row.organizationId,
    sequence: row.sequence,
    actorId: row.actorId,
    actorKind: row.actorKind,
    actorName: row.actorName,
    actorEmail: row.actorEmail,
    clientAddress: row.clientAddress,
    userAgent: row.userAgent,
    action: row.action,
    target: row.target,
    data: row.data,
    createdAt: row.createdAt,
  };
}

/** JSON with object keys sorted at every level (RFC 8785's ordering for our plain data), so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

/** The event data as the database will give it back (jsonb keeps no undefined, no Date, no key order). */
export function storedData(data: Record<string, unknown> | undefined): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data ?? {})) as Record<string, unknown>;
}

function mac(text: string): string {
  return createHmac("sha256", auditChainKey()).update(text).digest("hex");
}

/** The documented starting value of an organization's chain: HMAC(key, "org-console audit chain\n" + organization id). */
export function genesisHash(organizationId: string): string {
  return mac(`org-console audit chain\n${organizationId}`);
}

export function eventHash(previousHash: string, content: ChainedContent): string {
  return mac(`${previousHash}\n${canonicalJson({ ...content, createdAt: content.createdAt.toISOString() })}`);
}

/** The organization's append lock, held until the transaction ends (also taken by stream delivery before it finishes). */
export async function lockChain(tx: Pick<Db, "execute">, organizationId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${organizationId}`}))`);
}

/**
 * The transaction's next place in the organization's chain: takes the organization's append lock
 * (held until the transaction ends, so two writers never fork the chain), then reads the last event.
 */
export async function nextLink(tx: Tx, organizationId: string): Promise<{ sequence: number; previousHash: string }> {
  await lockChain(tx, organizationId);
  // One round trip, after the lock (a statement's snapshot is taken when it starts).
  const [row] = await queryRows<{ last_sequence: string | number | null; last_hash: string | null; start_sequence: string | number | null; start_hash: string | null }>(
    tx,
    sql`select last.sequence as last_sequence, last.hash as last_hash, start.start_sequence, start.start_hash
      from (select 1) as one
      left join lateral (select sequence, hash from audit_events where organization_id = ${organizationId} order by sequence desc limit 1) as last on true
      left join audit_chains as start on start.organization_id = ${organizationId}`,
  );
  const lastSequence = row?.last_sequence == null ? null : Number(row.last_sequence);
  if (lastSequence !== null && row?.last_hash) return { sequence: lastSequence + 1, previousHash: row.last_hash };
  // No chained event yet: after the events recorded before the chain, or after those retention removed.
  const sequence = Math.max(lastSequence ?? 0, Number(row?.start_sequence ?? 0)) + 1;
  return { sequence, previousHash: row?.start_hash ?? genesisHash(organizationId) };
}

/** Lets this transaction delete audit events (the organization's deletion, audit retention); the trigger refuses otherwise. */
export async function allowAuditDeletion(tx: Pick<Db, "execute">): Promise<void> {
  await tx.execute(sql`select set_config('org_console.audit_delete', 'allowed', true)`);
}

export type ChainBreak = {
  eventId: number;
  sequence: number;
  /** hashMismatch: content or hash changed; missing: an earlier event is gone; unchained: a hash was removed. */
  reason: "hashMismatch" | "missing" | "unchained" | "headMissing";
};

export type ChainVerification = { organizationId: string; intact: boolean; events: number; head: { sequence: number; hash: string } | null; broken: ChainBreak | null };

const verifyBatch = 1000;

/**
 * Walks one organization's chain in order and names the first event that fails. Events recorded
 * before the chain are skipped (they have no hash); `knownHead`, the head a previous verification saw,
 * must still be there with the same hash, so removing the newest events is caught too.
 */
export async function verifyChain(db: Pick<Db, "select">, organizationId: string, knownHead?: { sequence: number; hash: string } | null): Promise<ChainVerification> {
  const [start] = await db.select().from(auditChains).where(eq(auditChains.organizationId, organizationId));
  const startSequence = start?.startSequence ?? 0;
  let previousHash = start?.startHash ?? genesisHash(organizationId);
  let expected = startSequence + 1;
  let events = 0;
  let head: ChainVerification["head"] = null;
  let after = 0;
  const result = (broken: ChainBreak | null): ChainVerification => ({ organizationId, intact: broken === null, events, head, broken });
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, organizationId), gt(auditEvents.sequence, after)))
      .orderBy(asc(auditEvents.sequence))
      .limit(verifyBatch);
    for (const row of rows) {
      after = row.sequence;
      // Recorded before the chain (the upgrade): nothing to check, and nothing chained may sit among them.
      if (row.sequence <= startSequence && start?.startHash == null && row.hash === null) continue;
      const at = { eventId: row.id, sequence: row.sequence };
      if (row.hash === null || row.sequence <= startSequence) return result({ ...at, reason: "unchained" });
      if (row.sequence !== expected) return result({ ...at, reason: "missing" });
      const hash = row.hash;
      if (eventHash(previousHash, contentOf(row)) !== hash) return result({ ...at, reason: "hashMismatch" });
      previousHash = hash;
      expected = row.sequence + 1;
      events += 1;
      head = { sequence: row.sequence, hash };
    }
    if (rows.length < verifyBatch) break;
  }
  if (knownHead && knownHead.sequence > startSequence && (head === null || head.sequence < knownHead.sequence)) {
    return result({ eventId: 0, sequence: knownHead.sequence, reason: "headMissing" });
  }
  return result(null);
}

/** Every organization that has audit events, for the daily round and the command line. */
export async function organizationsWithEvents(db: Pick<Db, "execute">): Promise<string[]> {
  const rows = await queryRows<{ organization_id: string }>(db, sql`select distinct organization_id from audit_events order by organization_id`);
  return rows.map((row) => row.organization_id);
}
