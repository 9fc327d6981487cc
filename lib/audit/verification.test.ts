import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, auditStreamDeliveries } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, viewerOf } from "@/tests/support/factories";
import { recordAudit } from "./record";
import { tidyAuditStreams } from "./stream-delivery";
import { addEndpoint } from "./streams";
import { checkAuditChains, getChainStatus } from "./verification";

const database = testDatabaseForThisFile();
let outbox: string;
beforeAll(() => {
  outbox = mkdtempSync(path.join(tmpdir(), "auditchain-outbox-"));
  process.env.MAIL_OUTBOX_DIR = outbox;
});
afterAll(() => {
  delete process.env.MAIL_OUTBOX_DIR;
  rmSync(outbox, { recursive: true, force: true });
});

const mails = () => readdirSync(outbox).map((name) => JSON.parse(readFileSync(path.join(outbox, name), "utf8")) as { to: string; subject: string; text: string });

describe("the daily check of the audit chains", () => {
  it("stores what the audit page shows, and emails every Admin once when a chain breaks", async () => {
    const { organization, admin, member } = await createCast(database.db);
    const viewer = await viewerOf(database.db, admin.id);
    for (let index = 0; index < 3; index += 1) await recordAudit(database.db, { organizationId: organization.id, actorId: admin.id, action: "profile.updated", data: { index } });
    const first = new Date();
    await checkAuditChains(database.db, first);
    expect(await getChainStatus(database.db, viewer)).toEqual({ ok: true, status: { verifiedAt: first, intact: true, events: 3, brokenEventId: null } });
    expect(await getChainStatus(database.db, await viewerOf(database.db, member.id))).toEqual({ ok: false, error: "forbidden" });

    const [second] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, organization.id), eq(auditEvents.sequence, 2)));
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_never_edited`);
      await tx.execute(sql`update audit_events set target = 'rewritten' where id = ${second!.id}`);
      await tx.execute(sql`alter table audit_events enable trigger audit_events_never_edited`);
    });
    await checkAuditChains(database.db, new Date());
    const status = await getChainStatus(database.db, viewer);
    expect(status.ok && status.status).toMatchObject({ intact: false, brokenEventId: second!.id });
    const warned = mails().filter((mail) => mail.subject.includes(organization.name));
    expect(warned.map((mail) => mail.to)).toEqual([admin.email]);
    expect(warned[0]!.text).toContain(`event ${second!.id}`);
    // The next day's check finds the same break: no second email.
    await checkAuditChains(database.db, new Date());
    expect(mails().filter((mail) => mail.subject.includes(organization.name))).toHaveLength(1);
  });

  it("forgets delivery log lines after 30 days", async () => {
    process.env.WEBHOOK_ALLOW_LOOPBACK = "true";
    const { admin } = await createCast(database.db, "enterprise");
    const viewer = await viewerOf(database.db, admin.id);
    const added = await addEndpoint(database.db, viewer, { url: "http://127.0.0.1:9/hook" });
    delete process.env.WEBHOOK_ALLOW_LOOPBACK;
    if (!added.ok) throw new Error(added.error);
    const lines = () => database.db.select().from(auditStreamDeliveries).where(eq(auditStreamDeliveries.endpointId, added.endpointId));
    expect(await lines()).toHaveLength(1);
    await tidyAuditStreams(database.db, new Date(Date.now() + 29 * 24 * 60 * 60 * 1000));
    expect(await lines()).toHaveLength(1);
    await tidyAuditStreams(database.db, new Date(Date.now() + 31 * 24 * 60 * 60 * 1000));
    expect(await lines()).toHaveLength(0);
  });
});
