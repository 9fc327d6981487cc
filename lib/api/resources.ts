import "server-only";
import type { Job } from "@/db/schema";
import type { OrganizationDomain, JoinRequest } from "@/db/schema";
import { verificationRecordName, verificationRecordValue } from "@/lib/domains/dns";
import type { ExportStatus } from "@/lib/lifecycle/exports";
import type { EndpointView } from "@/lib/audit/streams";

/** What the API shows of a job: never the lease or the worker's internals. */
export function jobResource(job: Job) {
  return { id: job.id, kind: job.kind, state: job.state, progress: job.progress, error: job.error, createdAt: job.createdAt, finishedAt: job.finishedAt };
}

/** An export's progress; once its archive is ready, where to download it (for 24 hours). */
export function exportResource(status: ExportStatus) {
  return {
    id: status.id,
    state: status.state,
    rows: status.rows,
    totalRows: status.totalRows,
    createdAt: status.createdAt,
    ready: status.ready ? { fileName: status.ready.fileName, size: status.ready.size, expiresAt: status.ready.expiresAt, download: `/api/v1/exports/${status.id}/download` } : null,
  };
}

/** A streaming endpoint: never its secrets; its latest deliveries without their payloads. */
export function auditStreamResource(endpoint: EndpointView) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    status: endpoint.status,
    pausedReason: endpoint.pausedReason,
    failingSince: endpoint.failingSince,
    previousSecretExpiresAt: endpoint.previousSecretExpiresAt,
    pending: endpoint.pending,
    createdAt: endpoint.createdAt,
    deliveries: endpoint.deliveries.map((delivery) => ({
      messageId: delivery.messageId,
      eventId: delivery.eventId,
      state: delivery.state,
      attempts: delivery.attempts,
      lastStatus: delivery.lastStatus,
      lastError: delivery.lastError,
      lastLatencyMs: delivery.lastLatencyMs,
      createdAt: delivery.createdAt,
      deliveredAt: delivery.deliveredAt,
    })),
  };
}

export function domainResource(domain: OrganizationDomain) {
  return {
    id: domain.id,
    domain: domain.domain,
    status: domain.status,
    verificationRecord: { name: verificationRecordName(domain.domain), value: verificationRecordValue(domain.verificationToken) },
    verifiedAt: domain.verifiedAt,
    lastCheckedAt: domain.lastCheckedAt,
    joinMode: domain.joinMode,
    createdAt: domain.createdAt,
  };
}

export function joinRequestResource(request: JoinRequest) {
  return { id: request.id, email: request.email, name: request.name, createdAt: request.createdAt };
}

/** An opaque cursor for lists ordered by a unique key. */
export function encodeCursor(value: string | number): string {
  return Buffer.from(String(value)).toString("base64url");
}

export function decodeCursor(cursor: string | null): string | null {
  if (!cursor || !/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  return Buffer.from(cursor, "base64url").toString("utf8");
}

/** `?limit=` within 1..100, 50 unless told. */
export function limitOf(url: URL): number | null {
  const raw = url.searchParams.get("limit");
  if (raw === null) return 50;
  return /^\d{1,3}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 100 ? Number(raw) : null;
}
