import { and, eq } from "drizzle-orm";
import { apiKeys, auditEvents, sessions } from "@/db/schema";
import { confirmIdentity } from "@/lib/two-step/step-up";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, signedInViewer, testPassword, viewerOf } from "@/tests/support/factories";
import { createApiKey } from "./api-keys";

const database = testDatabaseForThisFile();
const minute = 60_000;
const input = { name: "Deploy bot", scopes: ["organization:read"], expiry: "30" };

async function keysOf(organizationId: string) {
  return database.db.select().from(apiKeys).where(eq(apiKeys.organizationId, organizationId));
}

describe("creating an API key asks for a recent check (step-up)", () => {
  it("an Admin whose last check is over 10 minutes old confirms it is them first; nothing is created before", async () => {
    const { admin, organization } = await createCast(database.db, "team");
    const viewer = await signedInViewer(database.db, admin.id);
    await database.db.update(sessions).set({ checkedAt: new Date(Date.now() - 11 * minute) }).where(eq(sessions.id, viewer.sessionId!));
    expect(await createApiKey(database.db, viewer, input)).toEqual({ ok: false, error: "stepUpRequired" });
    expect(await keysOf(organization.id)).toEqual([]);
    expect(await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, organization.id), eq(auditEvents.action, "apiKey.created")))).toEqual([]);
    expect(await confirmIdentity(database.db, viewer, { password: testPassword })).toMatchObject({ ok: true, method: "password" });
    expect(await createApiKey(database.db, viewer, input)).toMatchObject({ ok: true, key: { name: "Deploy bot" } });
    expect(await keysOf(organization.id)).toHaveLength(1);
  });

  it("a session that just signed in creates a key at once; the role is asked before the check", async () => {
    const { admin, member, organization } = await createCast(database.db, "team");
    expect(await createApiKey(database.db, await signedInViewer(database.db, admin.id), input)).toMatchObject({ ok: true });
    const memberViewer = await signedInViewer(database.db, member.id);
    await database.db.update(sessions).set({ checkedAt: new Date(Date.now() - 11 * minute) }).where(eq(sessions.id, memberViewer.sessionId!));
    expect(await createApiKey(database.db, memberViewer, input)).toEqual({ ok: false, error: "forbidden" });
    expect(await keysOf(organization.id)).toHaveLength(1);
  });

  it("a viewer outside a browser session (scripts) is not asked", async () => {
    const { admin, organization } = await createCast(database.db, "team");
    expect(await createApiKey(database.db, await viewerOf(database.db, admin.id), input)).toMatchObject({ ok: true });
    expect(await keysOf(organization.id)).toHaveLength(1);
  });
});
