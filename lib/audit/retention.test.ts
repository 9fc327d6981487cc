import { asc, eq } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, viewerOf } from "@/tests/support/factories";
import { recordAudit } from "./record";
import { applyAuditRetention, getAuditRetention, setAuditRetention } from "./retention";
import { checkAuditChains, verifyOrganization } from "./verification";

const database = testDatabaseForThisFile();
const day = 24 * 60 * 60 * 1000;

describe("audit retention", () => {
  it("removes events older than the chosen period in batches, and the chain still verifies from its kept start", async () => {
    const { organization, admin } = await createCast(database.db, "enterprise");
    const viewer = await viewerOf(database.db, admin.id);
    for (let index = 0; index < 7; index += 1) await recordAudit(database.db, { organizationId: organization.id, actorId: admin.id, action: "profile.updated", data: { index } });
    expect(await setAuditRetention(database.db, viewer, { days: "90" })).toMatchObject({ ok: true, days: 90, changed: true });
    await checkAuditChains(database.db, new Date());
    // One more event, then a round 90 days after it, less a millisecond: the 8 before it go, it stays.
    await recordAudit(database.db, { organizationId: organization.id, actorId: admin.id, action: "profile.updated", data: { recent: 1 } });
    const recent = (await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, organization.id)).orderBy(asc(auditEvents.sequence))).at(-1)!;
    const result = await applyAuditRetention(database.db, new Date(recent.createdAt.getTime() + 90 * day - 1), 3);
    expect(result.deleted).toBe(8);
    const left = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, organization.id)).orderBy(asc(auditEvents.sequence));
    expect(left.map((row) => row.action)).toEqual(["profile.updated", "audit.retentionApplied"]);
    expect(left[0]!.sequence).toBe(9);
    expect(await verifyOrganization(database.db, organization.id)).toMatchObject({ intact: true, events: 2, broken: null });
  });

  it("is Enterprise's: other plans keep everything, and a bad period is refused with a code", async () => {
    const { admin } = await createCast(database.db, "team");
    const viewer = await viewerOf(database.db, admin.id);
    expect(await setAuditRetention(database.db, viewer, { days: "90" })).toEqual({ ok: false, error: "planRequired" });
    expect(await getAuditRetention(database.db, viewer)).toEqual({ ok: true, days: null, allowed: false });
    const enterprise = await createCast(database.db, "enterprise");
    const enterpriseViewer = await viewerOf(database.db, enterprise.admin.id);
    expect(await setAuditRetention(database.db, enterpriseViewer, { days: "7" })).toMatchObject({ ok: false, error: "validation", fields: { days: ["invalidDays"] } });
    expect(await setAuditRetention(database.db, enterpriseViewer, { days: "" })).toMatchObject({ ok: true, days: null, changed: false });
  });
});
