import { and, asc, eq, sql } from "drizzle-orm";
import { auditChains, auditEvents } from "@/db/schema";
import type { Db } from "@/lib/core/db";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, viewerOf } from "@/tests/support/factories";
import { renameOrganization } from "@/lib/organizations/organizations";
import { allowAuditDeletion, canonicalJson, verifyChain } from "./chain";
import { recordAudit } from "./record";
import { checkAuditChains, verifyOrganization } from "./verification";

const database = testDatabaseForThisFile();

/** Runs raw SQL the way someone with database access would: with the table's triggers off. */
async function tamper(db: Db, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_never_edited`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_events enable trigger audit_events_never_edited`);
  });
}

async function organizationWithHistory(events = 5) {
  const cast = await createCast(database.db);
  for (let index = 0; index < events; index += 1) {
    await recordAudit(database.db, {
      organizationId: cast.organization.id,
      actorId: cast.admin.id,
      action: "organization.renamed",
      data: { from: `Name ${index}`, to: `Name ${index + 1}`, nested: { b: 1, a: [true, null] } },
      context: { clientAddress: "203.0.113.9", userAgent: "Firefox on Linux" },
    });
  }
  const rows = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, cast.organization.id)).orderBy(asc(auditEvents.sequence));
  return { ...cast, rows };
}

describe("the audit hash chain", () => {
  it("chains every event of an organization and verifies intact", async () => {
    const { organization, rows } = await organizationWithHistory();
    expect(rows.map((row) => row.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.hash ?? ""))).toBe(true);
    const result = await verifyChain(database.db, organization.id);
    expect(result).toMatchObject({ intact: true, events: 5, broken: null });
  });

  it("names exactly the event whose content was changed with the triggers off", async () => {
    const { organization, rows } = await organizationWithHistory();
    const target = rows[2]!;
    await tamper(database.db, sql`update audit_events set data = '{"from":"Name 2","to":"Something else"}' where id = ${target.id}`);
    const result = await verifyChain(database.db, organization.id);
    expect(result.broken).toEqual({ eventId: target.id, sequence: 3, reason: "hashMismatch" });
  });

  it("names exactly the event whose actor was rewritten, even with a recomputed plain hash", async () => {
    const { organization, rows } = await organizationWithHistory();
    const target = rows[1]!;
    await tamper(database.db, sql`update audit_events set actor_email = 'someone@else.example', hash = encode(sha256(convert_to(hash, 'UTF8')), 'hex') where id = ${target.id}`);
    expect((await verifyChain(database.db, organization.id)).broken).toMatchObject({ eventId: target.id, reason: "hashMismatch" });
  });

  it("names the place of a deleted event: the one after it finds its predecessor missing", async () => {
    const { organization, rows } = await organizationWithHistory();
    await tamper(database.db, sql`delete from audit_events where id = ${rows[1]!.id}`);
    expect((await verifyChain(database.db, organization.id)).broken).toEqual({ eventId: rows[2]!.id, sequence: 3, reason: "missing" });
  });

  it("notices the newest events removed since the last verification", async () => {
    const { organization, rows } = await organizationWithHistory();
    await checkAuditChains(database.db, new Date());
    await tamper(database.db, sql`delete from audit_events where id = ${rows[4]!.id}`);
    expect((await verifyOrganization(database.db, organization.id)).broken).toMatchObject({ sequence: 5, reason: "headMissing" });
  });

  it("refuses UPDATE and a plain DELETE of an event, and lets only an allowed transaction delete", async () => {
    const { organization, rows } = await organizationWithHistory(2);
    await expect(database.db.execute(sql`update audit_events set target = 'x' where id = ${rows[0]!.id}`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from audit_events where id = ${rows[0]!.id}`)).rejects.toThrow();
    expect(await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, organization.id))).toHaveLength(2);
    await database.db.transaction(async (tx) => {
      await allowAuditDeletion(tx);
      await tx.execute(sql`delete from audit_events where id = ${rows[0]!.id}`);
    });
    // The permission ended with that transaction.
    await expect(database.db.execute(sql`delete from audit_events where id = ${rows[1]!.id}`)).rejects.toThrow();
  });

  it("keeps the chain of an organization whose events were recorded before the chain (the upgrade path)", async () => {
    const { organization, admin } = await createCast(database.db);
    await database.db.insert(auditEvents).values([
      { organizationId: organization.id, actorId: admin.id, action: "organization.renamed", sequence: 1 },
      { organizationId: organization.id, actorId: admin.id, action: "profile.updated", sequence: 2 },
    ]);
    await database.db.insert(auditChains).values({ organizationId: organization.id, startSequence: 2 });
    await recordAudit(database.db, { organizationId: organization.id, actorId: admin.id, action: "organization.renamed" });
    await recordAudit(database.db, { organizationId: organization.id, actorId: admin.id, action: "organization.renamed" });
    expect(await verifyChain(database.db, organization.id)).toMatchObject({ intact: true, events: 2 });
    // A chained event's hash removed to pass it off as "before the chain" is caught at that event.
    const [third] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.sequence, 3), eq(auditEvents.organizationId, organization.id)));
    await tamper(database.db, sql`update audit_events set hash = null where id = ${third!.id}`);
    expect((await verifyChain(database.db, organization.id)).broken).toMatchObject({ eventId: third!.id, reason: "unchained" });
  });

  it("never forks the chain when many writers append at once", async () => {
    const { organization, admin } = await createCast(database.db);
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        database.db.transaction(async (tx) => {
          await recordAudit(tx, { organizationId: organization.id, actorId: admin.id, action: "profile.updated", data: { index } });
        }),
      ),
    );
    const result = await verifyChain(database.db, organization.id);
    expect(result).toMatchObject({ intact: true, events: 40 });
  });

  it("records the request's client address and device summary with the events a signed-in person causes", async () => {
    const { organization, admin } = await createCast(database.db);
    const viewer = { ...(await viewerOf(database.db, admin.id)), context: { clientAddress: "203.0.113.50", userAgent: "Firefox 135 · macOS" } };
    expect((await renameOrganization(database.db, viewer, { name: "Traced Inc" })).ok).toBe(true);
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, organization.id), eq(auditEvents.action, "organization.renamed")));
    expect(event).toMatchObject({ actorKind: "person", actorId: admin.id, clientAddress: "203.0.113.50", userAgent: "Firefox 135 · macOS" });
    expect((await verifyChain(database.db, organization.id)).intact).toBe(true);
  });

  it("writes object keys in one order whatever order they were given in", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: "é" } })).toBe('{"a":{"c":"é","d":[1,{"y":2,"z":1}]},"b":1}');
  });
});
