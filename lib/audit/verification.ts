import "server-only";
import { and, eq } from "drizzle-orm";
import { auditChains, organizations, users } from "@/db/schema";
import type { Db } from "@/lib/core/db";
import { guard } from "@/lib/core/guard";
import type { Viewer } from "@/lib/core/actor";
import type { Result } from "@/lib/core/result";
import { composeMail, sendMail } from "@/lib/mail/mailer";
import { organizationsWithEvents, verifyChain, type ChainVerification } from "./chain";

/** Verifies one organization's chain against the head its last verification saw. */
export async function verifyOrganization(db: Db, organizationId: string): Promise<ChainVerification> {
  const [known] = await db.select().from(auditChains).where(eq(auditChains.organizationId, organizationId));
  const knownHead = known?.headSequence != null && known.headHash ? { sequence: known.headSequence, hash: known.headHash } : null;
  return verifyChain(db, organizationId, knownHead);
}

/** Verifies every organization's chain (or one), as the command line and the internal endpoint do. */
export async function verifyOrganizations(db: Db, organizationId?: string): Promise<ChainVerification[]> {
  const ids = organizationId ? [organizationId] : await organizationsWithEvents(db);
  const results: ChainVerification[] = [];
  for (const id of ids) results.push(await verifyOrganization(db, id));
  return results;
}

/**
 * The daily round's check: verifies every organization, stores the outcome the audit page shows, and
 * emails the Admins when a chain is found broken (once: not again while it stays broken at the same event).
 */
export async function checkAuditChains(db: Db, now: Date): Promise<{ organizations: number; broken: number }> {
  let broken = 0;
  const ids = await organizationsWithEvents(db);
  for (const organizationId of ids) {
    const [before] = await db.select().from(auditChains).where(eq(auditChains.organizationId, organizationId));
    const result = await verifyOrganization(db, organizationId);
    const outcome = {
      verifiedAt: now,
      verifiedIntact: result.intact,
      verifiedEvents: result.events,
      brokenEventId: result.broken?.eventId ?? null,
      brokenReason: result.broken?.reason ?? null,
      // A broken chain keeps the head it knew, so the next check still looks for it.
      ...(result.intact && result.head ? { headSequence: result.head.sequence, headHash: result.head.hash } : {}),
    };
    await db
      .insert(auditChains)
      .values({ organizationId, ...outcome })
      .onConflictDoUpdate({ target: auditChains.organizationId, set: outcome });
    if (result.intact) continue;
    broken += 1;
    const alreadyTold = before?.verifiedIntact === false && before.brokenEventId === outcome.brokenEventId && before.brokenReason === outcome.brokenReason;
    if (!alreadyTold) await warnAdminsOfBreak(db, organizationId, result);
  }
  return { organizations: ids.length, broken };
}

async function warnAdminsOfBreak(db: Db, organizationId: string, result: ChainVerification) {
  const admins = await db
    .select({ email: users.email, name: users.name, locale: users.locale, organization: organizations.name })
    .from(users)
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(and(eq(users.organizationId, organizationId), eq(users.role, "admin"), eq(organizations.status, "active")));
  for (const admin of admins) {
    await sendMail(
      composeMail(admin.email, admin.locale, "auditChainBroken", {
        name: admin.name,
        organization: admin.organization,
        event: String(result.broken?.eventId ?? ""),
        sequence: String(result.broken?.sequence ?? ""),
      }),
    );
  }
}

export type ChainStatus = { verifiedAt: Date; intact: boolean; events: number; brokenEventId: number | null } | null;

/** What the audit page says of the chain: the daily round's last verification, if there was one. */
export async function getChainStatus(db: Db, caller: Viewer | null): Promise<Result<{ status: ChainStatus }, "forbidden">> {
  const door = guard(caller, "audit.view");
  if (!door.ok) return door;
  const [row] = await db.select().from(auditChains).where(eq(auditChains.organizationId, door.actor.organization.id));
  if (!row?.verifiedAt) return { ok: true, status: null };
  return {
    ok: true,
    status: { verifiedAt: row.verifiedAt, intact: row.verifiedIntact === true, events: row.verifiedEvents ?? 0, brokenEventId: row.brokenEventId },
  };
}

/** One line per organization, as `npm run audit:verify` prints it. */
export function describeVerification(result: ChainVerification): string {
  if (result.intact) return `${result.organizationId}: intact (${result.events} chained events)`;
  const broken = result.broken!;
  const event = broken.eventId ? `event ${broken.eventId} (sequence ${broken.sequence})` : `sequence ${broken.sequence}`;
  return `${result.organizationId}: BROKEN at ${event}: ${reasons[broken.reason]}`;
}

const reasons = {
  hashMismatch: "its content or hash was changed",
  missing: "the event before it was deleted",
  unchained: "its hash was removed",
  headMissing: "the newest events seen by the last verification are gone",
} as const;

