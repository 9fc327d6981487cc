import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import { organizationDomains, type JoinMode, type OrganizationDomain } from "@/db/schema";
import type { Db } from "@/db";
import { recordAudit } from "@/lib/audit/record";
import { isConsumerDomain } from "./consumer-domains";
import { isUniqueViolation } from "@/lib/core/db";
import { createTxtLookup, domainName, verificationRecordName, verificationRecordValue, type TxtLookup } from "./dns";
import { guard } from "@/lib/core/guard";
import { fail, type Result } from "@/lib/core/result";
import { auditActorOf, personIdOf, type Actor, type Viewer } from "@/lib/core/actor";

export type DomainError =
  | "forbidden"
  | "planRequired"
  | "validation"
  | "notFound"
  | "consumerDomain"
  | "alreadyAdded"
  | "takenByAnotherOrganization"
  | "notVerified";

/** What "Verify" found, precisely: the page says it to the Admin. */
export type VerificationCheck =
  | { outcome: "verified" }
  | { outcome: "notFound" }
  | { outcome: "wrongValue"; found: string[] }
  | { outcome: "lookupFailed"; code: string }
  | { outcome: "takenByAnotherOrganization" };

export const joinModes = ["off", "auto", "approval"] as const satisfies readonly JoinMode[];

export const addDomainSchema = z.object({ domain: domainName });
const domainIdSchema = z.object({ domainId: z.uuid({ error: "notFound" }) });
/** A malformed domain ID is a domain not found (gone meanwhile, or never ours). */
const unknownDomain = () => fail("notFound");
export const joinModeSchema = z.object({
  domainId: z.uuid({ error: "notFound" }),
  joinMode: z.enum(joinModes, { error: "invalidJoinMode" }),
});

/** Verified and failing domains both belong to their organization; failing ones await a fixed record. */
export const claimedStatuses = ["verified", "failing"] as const;

export function isClaimed(domain: Pick<OrganizationDomain, "status">): boolean {
  return (claimedStatuses as readonly string[]).includes(domain.status);
}

export async function listDomains(db: Db, caller: Actor | null): Promise<OrganizationDomain[] | null> {
  const door = guard(caller, "authentication.manage");
  if (!door.ok) return null;
  const { actor } = door;
  return db
    .select()
    .from(organizationDomains)
    .where(eq(organizationDomains.organizationId, actor.organization.id))
    .orderBy(asc(organizationDomains.domain));
}

/** Whether another organization holds the domain (verified, or failing its re-checks): its people belong there. */
export async function verifiedElsewhere(db: Pick<Db, "select">, domain: string, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organizationDomains.id })
    .from(organizationDomains)
    .where(
      and(
        eq(organizationDomains.domain, domain),
        ne(organizationDomains.organizationId, organizationId),
        inArray(organizationDomains.status, [...claimedStatuses]),
      ),
    );
  return Boolean(row);
}

/** Claims a domain for the actor's organization; it stays pending until its TXT record is found. */
export async function addDomain(
  db: Db,
  caller: Actor | null,
  input: Record<string, unknown>,
): Promise<Result<{ domain: OrganizationDomain }, DomainError>> {
  const door = guard(caller, "authentication.manage", addDomainSchema, input);
  if (!door.ok) return door;
  const { actor } = door;
  const { domain } = door.input;
  if (isConsumerDomain(domain)) return fail("consumerDomain", { domain: ["consumerDomain"] });
  const organizationId = actor.organization.id;
  try {
    return await db.transaction(async (tx) => {
      if (await verifiedElsewhere(tx, domain, organizationId)) {
        return fail("takenByAnotherOrganization", { domain: ["domainTaken"] });
      }
      const [row] = await tx
        .insert(organizationDomains)
        .values({ organizationId, domain, verificationToken: randomBytes(16).toString("hex"), createdBy: personIdOf(actor) })
        .returning();
      await recordAudit(tx, { organizationId, ...auditActorOf(actor), action: "domain.added", target: domain });
      return { ok: true as const, domain: row! };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("alreadyAdded", { domain: ["domainAlreadyAdded"] });
    throw error;
  }
}

async function findOwnDomain(db: Pick<Db, "select">, actor: Actor, domainId: string) {
  const [row] = await db
    .select()
    .from(organizationDomains)
    .where(and(eq(organizationDomains.id, domainId), eq(organizationDomains.organizationId, actor.organization.id)));
  return row;
}

/** Compares what DNS answered with the record the domain needs. */
export function checkRecord(answer: Awaited<ReturnType<TxtLookup>>, token: string): VerificationCheck {
  if (answer.status === "failed") return { outcome: "lookupFailed", code: answer.code };
  if (answer.status === "notFound" || answer.values.length === 0) return { outcome: "notFound" };
  const expected = verificationRecordValue(token);
  if (answer.values.some((value) => value.trim() === expected)) return { outcome: "verified" };
  return { outcome: "wrongValue", found: answer.values.slice(0, 5).map((value) => value.slice(0, 200)) };
}

/** Looks the TXT record up and records the result; verified only when the exact value is there. */
export async function verifyDomain(
  db: Db,
  caller: Actor | null,
  input: Record<string, unknown>,
  lookup: TxtLookup = createTxtLookup(),
): Promise<Result<{ domain: OrganizationDomain; check: VerificationCheck }, DomainError>> {
  const door = guard(caller, "authentication.manage", domainIdSchema, input, { invalid: unknownDomain });
  if (!door.ok) return door;
  const { actor } = door;
  const before = await findOwnDomain(db, actor, door.input.domainId);
  if (!before) return fail("notFound");
  // The network call happens outside the transaction: a slow DNS server never holds a connection.
  let check = checkRecord(await lookup(verificationRecordName(before.domain)), before.verificationToken);
  const now = new Date();
  try {
    return await db.transaction(async (tx) => {
      if (check.outcome === "verified" && (await verifiedElsewhere(tx, before.domain, actor.organization.id))) {
        check = { outcome: "takenByAnotherOrganization" };
      }
      const verified = check.outcome === "verified";
      const status = verified ? "verified" : isClaimed(before) && check.outcome !== "lookupFailed" ? "failing" : before.status;
      const [domain] = await tx
        .update(organizationDomains)
        .set({
          status,
          lastCheckedAt: now,
          lastCheckResult: check.outcome,
          ...(verified ? { failedChecks: 0 } : {}),
          ...(verified && !before.verifiedAt ? { verifiedAt: now } : {}),
        })
        .where(eq(organizationDomains.id, before.id))
        .returning();
      if (verified && before.status !== "verified") {
        await recordAudit(tx, { organizationId: actor.organization.id, ...auditActorOf(actor), action: "domain.verified", target: before.domain });
      }
      return { ok: true as const, domain: domain!, check };
    });
  } catch (error) {
    // Another organization verified the same domain at the same moment: the unique index decides.
    if (isUniqueViolation(error)) return { ok: true, domain: before, check: { outcome: "takenByAnotherOrganization" } };
    throw error;
  }
}

export async function removeDomain(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ domain: string }, DomainError>> {
  const door = guard(caller, "authentication.manage", domainIdSchema, input, { invalid: unknownDomain });
  if (!door.ok) return door;
  const { actor } = door;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(organizationDomains)
      .where(and(eq(organizationDomains.id, door.input.domainId), eq(organizationDomains.organizationId, actor.organization.id)))
      .returning();
    if (!row) return fail("notFound");
    await recordAudit(tx, { organizationId: actor.organization.id, ...auditActorOf(actor), action: "domain.removed", target: row.domain });
    return { ok: true as const, domain: row.domain };
  });
}

/** Off, join as Member automatically, or ask an Admin: only for verified domains, on Team and Enterprise. */
export async function setJoinMode(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ domain: OrganizationDomain }, DomainError>> {
  const door = guard(caller, ["authentication.manage", "authentication.emailDomain"], joinModeSchema, input, { planRefusal: "planRequired" });
  if (!door.ok) return door;
  const { actor } = door;
  const { domainId, joinMode } = door.input;
  return db.transaction(async (tx) => {
    const before = await findOwnDomain(tx, actor, domainId);
    if (!before) return fail("notFound");
    if (!isClaimed(before)) return fail("notVerified");
    const [domain] = await tx.update(organizationDomains).set({ joinMode }).where(eq(organizationDomains.id, domainId)).returning();
    if (before.joinMode !== joinMode) {
      await recordAudit(tx, {
        organizationId: actor.organization.id,
        ...auditActorOf(actor),
        action: "domain.joinModeChanged",
        target: before.domain,
        data: { from: before.joinMode, to: joinMode },
      });
    }
    return { ok: true as const, domain: domain! };
  });
}
