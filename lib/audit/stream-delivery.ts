import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { auditStreamDeliveries, auditStreamEndpoints, jobs, organizations, users, type AuditStreamEndpoint, type Job } from "@/db/schema";
import { queryRows, type Db, type Tx } from "@/lib/core/db";
import { decryptSecret } from "@/lib/core/encryption";
import { log as logger } from "@/lib/core/log";
import { postOutbound } from "@/lib/core/outbound";
import { composeMail, sendMail } from "@/lib/mail/mailer";
import { lockChain } from "./chain";

/**
 * Audit streaming, the delivery side: every event is queued for each of the organization's endpoints
 * in the transaction that records it (under the chain's lock, so in chain order), and one
 * `audit_stream` job per organization delivers them through the jobs table: in order per endpoint,
 * at least once, retried with exponential backoff; an endpoint failing for 24 hours is paused and its
 * organization's Admins are emailed.
 */

/** An idle stream job's lease: far away, until `wakeStreamJob` clears it. */
const idleUntil = new Date("9999-12-31T00:00:00Z");

export const failingPauseMs = 24 * 60 * 60 * 1000;
export const deliveryLogDays = 30;
const batchPerEndpoint = 200;

/** 5 s, 10 s, 20 s … at most one hour between attempts. */
export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

export type StreamedEvent = {
  id: number;
  organizationId: string;
  sequence: number;
  action: string;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  target: string | null;
  data: unknown;
  clientAddress: string | null;
  userAgent: string | null;
  createdAt: Date;
  hash: string | null;
};

/** The JSON body receivers get (documented in the "audit-log" help article). */
export function eventPayload(event: StreamedEvent): Record<string, unknown> {
  return {
    type: "audit.event",
    timestamp: event.createdAt.toISOString(),
    data: {
      id: event.id,
      organizationId: event.organizationId,
      sequence: event.sequence,
      action: event.action,
      actor: { kind: event.actorKind, id: event.actorId, name: event.actorName, email: event.actorEmail },
      target: event.target,
      data: event.data,
      clientAddress: event.clientAddress,
      userAgent: event.userAgent,
      createdAt: event.createdAt.toISOString(),
      hash: event.hash,
    },
  };
}

/** Called by recordAudit inside its transaction, after the chain lock: queues the event for every endpoint. */
export async function queueForStreams(tx: Tx, event: StreamedEvent): Promise<void> {
  // One round trip whether the organization streams or not.
  const queued = await queryRows<{ id: number }>(
    tx,
    sql`insert into audit_stream_deliveries (endpoint_id, organization_id, event_id, message_id, payload)
      select id, organization_id, ${event.id}, ${`evt_${event.id}`}, ${JSON.stringify(eventPayload(event))}::jsonb
      from audit_stream_endpoints where organization_id = ${event.organizationId}
      returning id`,
  );
  if (queued.length > 0) await wakeStreamJob(tx, event.organizationId);
}

/** Makes sure the organization's delivery job runs now: creates it, or brings a waiting or idle one forward. */
export async function wakeStreamJob(tx: Pick<Db, "execute">, organizationId: string): Promise<void> {
  const progress = { chats: 0, messages: 0, totalChats: 0, totalMessages: 0 };
  await tx.execute(sql`insert into jobs (kind, organization_id, progress) values ('audit_stream', ${organizationId}, ${JSON.stringify(progress)}::jsonb)
    on conflict (organization_id, kind) where state in ('queued', 'running')
    do update set locked_until = case when jobs.state = 'queued' then null else jobs.locked_until end`);
}

/** The Standard Webhooks signature header: one signature per valid secret (both during a rotation). */
export function signatureHeader(endpoint: Pick<AuditStreamEndpoint, "secret" | "previousSecret" | "previousSecretExpiresAt">, messageId: string, at: Date, body: string, now: Date): string {
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) secrets.push(endpoint.previousSecret);
  return secrets.map((secret) => new Webhook(decryptSecret(secret)).sign(messageId, at, body)).join(" ");
}

export type SendOutcome = { delivered: boolean; status: number | null; error: string | null; latencyMs: number };

/** One POST of one message, signed, under the outbound rules (lib/core/outbound.ts). Any non-2xx answer fails. */
export async function sendSigned(endpoint: AuditStreamEndpoint, messageId: string, payload: Record<string, unknown>, now: Date): Promise<SendOutcome> {
  const body = JSON.stringify(payload);
  const at = new Date();
  const headers = {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatureHeader(endpoint, messageId, at, body, now),
  };
  const result = await postOutbound(endpoint.url, body, headers);
  if (!result.ok) return { delivered: false, status: null, error: result.error, latencyMs: result.latencyMs };
  const { status, latencyMs } = result.response;
  return { delivered: status >= 200 && status < 300, status, error: status >= 300 && status < 400 ? "redirect" : null, latencyMs };
}

/** Delivers one endpoint's due messages in order until one fails; returns whether it paused. */
async function deliverEndpoint(db: Db, endpoint: AuditStreamEndpoint, now: () => Date): Promise<void> {
  const pending = await db
    .select()
    .from(auditStreamDeliveries)
    .where(and(eq(auditStreamDeliveries.endpointId, endpoint.id), eq(auditStreamDeliveries.state, "pending")))
    .orderBy(asc(auditStreamDeliveries.id))
    .limit(batchPerEndpoint);
  for (const delivery of pending) {
    if (delivery.nextAttemptAt > now()) return;
    const outcome = await sendSigned(endpoint, delivery.messageId, delivery.payload, now());
    const attempts = delivery.attempts + 1;
    const log = { attempts, lastStatus: outcome.status, lastError: outcome.error, lastLatencyMs: outcome.latencyMs };
    if (outcome.delivered) {
      await db.update(auditStreamDeliveries).set({ ...log, state: "delivered", deliveredAt: now() }).where(eq(auditStreamDeliveries.id, delivery.id));
      if (endpoint.failingSince) {
        await db.update(auditStreamEndpoints).set({ failingSince: null }).where(eq(auditStreamEndpoints.id, endpoint.id));
        endpoint.failingSince = null;
      }
      continue;
    }
    const at = now();
    logger("audit-stream").warn({ endpointId: endpoint.id, organizationId: endpoint.organizationId, attempts, status: outcome.status, error: outcome.error, latencyMs: outcome.latencyMs }, "delivery failed; retrying later");
    await db.update(auditStreamDeliveries).set({ ...log, nextAttemptAt: new Date(at.getTime() + backoffMs(attempts)) }).where(eq(auditStreamDeliveries.id, delivery.id));
    const failingSince = endpoint.failingSince ?? at;
    if (at.getTime() - failingSince.getTime() >= failingPauseMs) {
      await db.update(auditStreamEndpoints).set({ status: "paused", pausedReason: "failing", failingSince }).where(eq(auditStreamEndpoints.id, endpoint.id));
      logger("audit-stream").warn({ endpointId: endpoint.id, organizationId: endpoint.organizationId }, "endpoint paused after failing for 24 hours");
      await warnAdminsOfPause(db, endpoint);
    } else if (!endpoint.failingSince) {
      await db.update(auditStreamEndpoints).set({ failingSince }).where(eq(auditStreamEndpoints.id, endpoint.id));
    }
    return;
  }
}

async function warnAdminsOfPause(db: Db, endpoint: AuditStreamEndpoint) {
  const admins = await db
    .select({ email: users.email, name: users.name, locale: users.locale, organization: organizations.name })
    .from(users)
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(and(eq(users.organizationId, endpoint.organizationId), eq(users.role, "admin"), eq(organizations.status, "active")));
  for (const admin of admins) {
    await sendMail(composeMail(admin.email, admin.locale, "auditStreamPaused", { name: admin.name, organization: admin.organization, url: endpoint.url }));
  }
}

type Head = { endpoint_id: string; next_attempt_at: Date | string };

/** The first pending message of each active endpoint: delivery order means only heads can go. */
async function pendingHeads(db: Pick<Db, "execute">, organizationId: string): Promise<Head[]> {
  return queryRows<Head>(
    db,
    sql`select distinct on (d.endpoint_id) d.endpoint_id, d.next_attempt_at from audit_stream_deliveries d
      join audit_stream_endpoints e on e.id = d.endpoint_id
      where d.organization_id = ${organizationId} and d.state = 'pending' and e.status = 'active'
      order by d.endpoint_id, d.id`,
  );
}

/**
 * The `audit_stream` job: delivers what is due, then, under the organization's chain lock (so no event
 * can be queued unseen in between), goes back to the queue: due at the next retry, or idle until an event wakes it.
 */
export async function runAuditStream(db: Db, job: Job, options: { leaseMs: number; now?: () => Date }): Promise<"done" | "waiting" | "lost"> {
  const organizationId = job.organizationId!;
  const now = options.now ?? (() => new Date());
  for (;;) {
    const due = (await pendingHeads(db, organizationId)).filter((head) => new Date(head.next_attempt_at) <= now());
    if (due.length > 0) {
      const endpoints = await db.select().from(auditStreamEndpoints).where(inArray(auditStreamEndpoints.id, due.map((head) => head.endpoint_id)));
      await Promise.all(endpoints.map((endpoint) => deliverEndpoint(db, endpoint, now)));
      const extended = await db
        .update(jobs)
        .set({ lockedUntil: new Date(Date.now() + options.leaseMs), updatedAt: new Date() })
        .where(and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts), eq(jobs.state, "running")))
        .returning({ id: jobs.id });
      if (extended.length === 0) return "lost";
      continue;
    }
    const outcome = await db.transaction(async (tx) => {
      await lockChain(tx, organizationId);
      const heads = await pendingHeads(tx, organizationId);
      if (heads.some((head) => new Date(head.next_attempt_at) <= now())) return "again" as const;
      const next = heads.map((head) => new Date(head.next_attempt_at).getTime()).sort((a, b) => a - b)[0];
      // Back in the queue, claimable at the next retry, or idle until the next event wakes it (one job row
      // per organization, reused); attempts start again, so a long wait never counts as failures.
      const set = { state: "queued" as const, lockedUntil: next === undefined ? idleUntil : new Date(next), attempts: 0, updatedAt: new Date() };
      const saved = await tx.update(jobs).set(set).where(and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts), eq(jobs.state, "running"))).returning({ id: jobs.id });
      if (saved.length === 0) return "lost" as const;
      return next === undefined ? ("done" as const) : ("waiting" as const);
    });
    if (outcome !== "again") return outcome;
  }
}

/**
 * The daily round: forgets delivery log lines older than 30 days, and wakes the job of any organization
 * with messages waiting for an active endpoint (a job that failed for good leaves none behind for long;
 * waking one that waits for a retry only makes it look again).
 */
export async function tidyAuditStreams(db: Pick<Db, "execute">, now: Date): Promise<{ deleted: number; woken: number }> {
  const cutoff = new Date(now.getTime() - deliveryLogDays * 24 * 60 * 60 * 1000).toISOString();
  const rows = await queryRows<{ count: number }>(db, sql`with gone as (delete from audit_stream_deliveries where created_at < ${cutoff}::timestamptz returning 1) select count(*)::int as count from gone`);
  const waiting = await queryRows<{ organization_id: string }>(
    db,
    sql`select distinct d.organization_id from audit_stream_deliveries d join audit_stream_endpoints e on e.id = d.endpoint_id
      where d.state = 'pending' and e.status = 'active'`,
  );
  for (const row of waiting) await wakeStreamJob(db, row.organization_id);
  return { deleted: Number(rows[0]?.count ?? 0), woken: waiting.length };
}
