import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { auditStreamDeliveries, auditStreamEndpoints, type AuditStreamDelivery, type AuditStreamEndpoint } from "@/db/schema";
import type { Db, Tx } from "@/lib/core/db";
import { auditActorOf, type Actor } from "@/lib/core/actor";
import { encryptSecret } from "@/lib/core/encryption";
import { guard } from "@/lib/core/guard";
import { checkOutboundUrl } from "@/lib/core/outbound";
import { fail, type Result } from "@/lib/core/result";
import { recordAudit } from "./record";
import { sendSigned, wakeStreamJob } from "./stream-delivery";

/** Audit streaming, the console side: an organization's endpoints, their secrets and delivery logs (Admin, Enterprise). */

export const maxEndpoints = 5;
export const rotationOverlapMs = 24 * 60 * 60 * 1000;
const logSize = 20;

export type StreamError = "forbidden" | "planRequired" | "validation" | "notFound" | "tooMany";

export const endpointUrlSchema = z.object({
  url: z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required" })
    .max(2000, { error: "invalidUrl" })
    .superRefine((value, context) => {
      if (!value) return;
      const checked = checkOutboundUrl(value);
      if (!checked.ok) context.addIssue({ code: "custom", message: checked.error === "notHttps" ? "notHttps" : checked.error === "invalidUrl" ? "invalidUrl" : "privateAddress" });
    }),
});

const endpointIdSchema = z.object({ endpointId: z.uuid() });
const notFound = () => fail("notFound" as const);

/** A new Standard Webhooks secret: "whsec_" and 24 random bytes in base64. */
function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export type EndpointView = Pick<AuditStreamEndpoint, "id" | "url" | "status" | "pausedReason" | "failingSince" | "createdAt" | "previousSecretExpiresAt"> & {
  pending: number;
  deliveries: Pick<AuditStreamDelivery, "id" | "eventId" | "messageId" | "state" | "attempts" | "lastStatus" | "lastError" | "lastLatencyMs" | "createdAt" | "deliveredAt">[];
};

/** The organization's endpoints, each with its waiting count and its latest deliveries. */
export async function listEndpoints(db: Db, caller: Actor | null): Promise<Result<{ endpoints: EndpointView[] }, StreamError>> {
  const door = guard(caller, "audit.stream", z.object({}), {}, { planRefusal: "planRequired" as const });
  if (!door.ok) return door;
  const rows = await db.select().from(auditStreamEndpoints).where(eq(auditStreamEndpoints.organizationId, door.actor.organization.id)).orderBy(auditStreamEndpoints.createdAt);
  const endpoints: EndpointView[] = [];
  for (const row of rows) {
    const deliveries = await db.select().from(auditStreamDeliveries).where(eq(auditStreamDeliveries.endpointId, row.id)).orderBy(desc(auditStreamDeliveries.id)).limit(logSize);
    const [pending] = await db.select({ value: count() }).from(auditStreamDeliveries).where(and(eq(auditStreamDeliveries.endpointId, row.id), eq(auditStreamDeliveries.state, "pending")));
    endpoints.push({
      id: row.id,
      url: row.url,
      status: row.status,
      pausedReason: row.pausedReason,
      failingSince: row.failingSince,
      createdAt: row.createdAt,
      previousSecretExpiresAt: row.previousSecretExpiresAt,
      pending: pending?.value ?? 0,
      deliveries,
    });
  }
  return { ok: true, endpoints };
}

/** Adds an https endpoint; its signing secret is shown once, here, and stored encrypted. */
export async function addEndpoint(db: Db, caller: Actor | null, input: unknown): Promise<Result<{ endpointId: string; secret: string }, StreamError>> {
  const door = guard(caller, "audit.stream", endpointUrlSchema, input, { planRefusal: "planRequired" as const });
  if (!door.ok) return door;
  const organizationId = door.actor.organization.id;
  const secret = newSigningSecret();
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ value: count() }).from(auditStreamEndpoints).where(eq(auditStreamEndpoints.organizationId, organizationId));
    if ((existing?.value ?? 0) >= maxEndpoints) return fail("tooMany");
    const [row] = await tx.insert(auditStreamEndpoints).values({ organizationId, url: door.input.url, secret: encryptSecret(secret) }).returning({ id: auditStreamEndpoints.id });
    await recordAudit(tx, { organizationId, ...auditActorOf(door.actor), action: "auditStream.added", target: door.input.url });
    return { ok: true as const, endpointId: row!.id, secret };
  });
}

async function ownEndpoint(tx: Db | Tx, organizationId: string, endpointId: string) {
  const [row] = await tx.select().from(auditStreamEndpoints).where(and(eq(auditStreamEndpoints.id, endpointId), eq(auditStreamEndpoints.organizationId, organizationId)));
  return row;
}

export async function removeEndpoint(db: Db, caller: Actor | null, input: unknown): Promise<Result<object, StreamError>> {
  const door = guard(caller, "audit.stream", endpointIdSchema, input, { invalid: notFound, planRefusal: "planRequired" as const });
  if (!door.ok) return door;
  const organizationId = door.actor.organization.id;
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(auditStreamEndpoints)
      .where(and(eq(auditStreamEndpoints.id, door.input.endpointId), eq(auditStreamEndpoints.organizationId, organizationId)))
      .returning({ url: auditStreamEndpoints.url });
    if (!removed) return notFound();
    await recordAudit(tx, { organizationId, ...auditActorOf(door.actor), action: "auditStream.removed", target: removed.url });
    return { ok: true as const };
  });
}

/** A new secret; the previous one keeps signing for 24 hours, so receivers can switch without missing a message. */
export async function rotateSecret(db: Db, caller: Actor | null, input: unknown, now = new Date()): Promise<Result<{ secret: string; previousValidUntil: Date }, StreamError>> {
  const door = guard(caller, "audit.stream", endpointIdSchema, input, { invalid: notFound, planRefusal: "planRequired" as const });
  if (!door.ok) return door;
  const secret = newSigningSecret();
  const previousValidUntil = new Date(now.getTime() + rotationOverlapMs);
  return db.transaction(async (tx) => {
    const endpoint = await ownEndpoint(tx, door.actor.organization.id, door.input.endpointId);
    if (!endpoint) return notFound();
    await tx
      .update(auditStreamEndpoints)
      .set({ secret: encryptSecret(secret), previousSecret: endpoint.secret, previousSecretExpiresAt: previousValidUntil })
      .where(eq(auditStreamEndpoints.id, endpoint.id));
    await recordAudit(tx, { organizationId: endpoint.organizationId, ...auditActorOf(door.actor), action: "auditStream.secretRotated", target: endpoint.url });
    return { ok: true as const, secret, previousValidUntil };
  });
}

/** Resumes a paused endpoint: what waited is delivered, in order, from the oldest. */
export async function resumeEndpoint(db: Db, caller: Actor | null, input: unknown): Promise<Result<object, StreamError>> {
  const door = guard(caller, "audit.stream", endpointIdSchema, input, { invalid: notFound, planRefusal: "planRequired" as const });
  if (!door.ok) return door;
  return db.transaction(async (tx) => {
    const endpoint = await ownEndpoint(tx, door.actor.organization.id, door.input.endpointId);
    if (!endpoint) return notFound();
    await tx.update(auditStreamEndpoints).set({ status: "active", pausedReason: null, failingSince: null }).where(eq(auditStreamEndpoints.id, endpoint.id));
    await tx
      .update(auditStreamDeliveries)
      .set({ nextAttemptAt: new Date() })
      .where(and(eq(auditStreamDeliveries.endpointId, endpoint.id), eq(auditStreamDeliveries.state, "pending")));
    await recordAudit(tx, { organizationId: endpoint.organizationId, ...auditActorOf(door.actor), action: "auditStream.resumed", target: endpoint.url });
    await wakeStreamJob(tx, endpoint.organizationId);
    return { ok: true as const };
  });
}

/** Sends a signed test message at once (outside the event order) and logs the outcome; never retried. */
export async function sendTestEvent(db: Db, caller: Actor | null, input: unknown, now = new Date()): Promise<Result<{ delivered: boolean; status: number | null; error: string | null; latencyMs: number }, StreamError>> {
  const door = guard(caller, "audit.stream", endpointIdSchema, input, { invalid: notFound, planRefusal: "planRequired" as const });
  if (!door.ok) return door;
  const endpoint = await ownEndpoint(db, door.actor.organization.id, door.input.endpointId);
  if (!endpoint) return notFound();
  const messageId = `test_${randomUUID()}`;
  const payload = { type: "audit.test", timestamp: now.toISOString(), data: { organizationId: endpoint.organizationId, message: "Test event from Org Console" } };
  const outcome = await sendSigned(endpoint, messageId, payload, now);
  await db.insert(auditStreamDeliveries).values({
    endpointId: endpoint.id,
    organizationId: endpoint.organizationId,
    messageId,
    payload,
    state: outcome.delivered ? "delivered" : "failed",
    attempts: 1,
    lastStatus: outcome.status,
    lastError: outcome.error,
    lastLatencyMs: outcome.latencyMs,
    deliveredAt: outcome.delivered ? new Date() : null,
  });
  return { ok: true, ...outcome };
}

/** The plan change's part (lib/billing featureShutdowns): how many endpoints a move below Enterprise pauses. */
export async function countActiveEndpoints(db: Db | Tx, organizationId: string): Promise<number> {
  const [row] = await db.select({ value: count() }).from(auditStreamEndpoints).where(and(eq(auditStreamEndpoints.organizationId, organizationId), eq(auditStreamEndpoints.status, "active")));
  return row?.value ?? 0;
}

/** A return to Enterprise resumes what the plan paused (not what failing paused). */
export async function resumeEndpointsAfterPlan(tx: Tx, organizationId: string): Promise<void> {
  const resumed = await tx
    .update(auditStreamEndpoints)
    .set({ status: "active", pausedReason: null, failingSince: null })
    .where(and(eq(auditStreamEndpoints.organizationId, organizationId), eq(auditStreamEndpoints.pausedReason, "plan")))
    .returning({ id: auditStreamEndpoints.id });
  if (resumed.length > 0) await wakeStreamJob(tx, organizationId);
}

/** Pauses the endpoints (kept, with what they wait for) when the plan loses streaming. */
export async function pauseEndpointsForPlan(tx: Tx, organizationId: string): Promise<number> {
  const paused = await tx
    .update(auditStreamEndpoints)
    .set({ status: "paused", pausedReason: "plan" })
    .where(and(eq(auditStreamEndpoints.organizationId, organizationId), eq(auditStreamEndpoints.status, "active")))
    .returning({ id: auditStreamEndpoints.id });
  return paused.length;
}
