import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { auditEvents, chats, organizations, users } from "@/db/schema";
import { openTestDatabase } from "@/tests/support/db";
import { createCast, createChats, viewerOf } from "@/tests/support/factories";
import { changePlan, planChangeDisables, previewPlanChange } from "./billing";
import { createInvitation, lookupInvitation } from "./invitations";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("plans and billing", () => {
  it("a downgrade that removes invitations says beforehand how many pending ones it revokes, then revokes them", async () => {
    const { organization, admin, billing, member } = await createCast(database.db, "team");
    await createChats(database.db, organization.id, member.id, 2);
    const adminViewer = await viewerOf(database.db, admin.id);
    const tokens: string[] = [];
    for (const email of ["one@example.test", "two@example.test"]) {
      const created = await createInvitation(database.db, adminViewer, { email });
      if (created.ok) tokens.push(created.token);
    }
    const actor = await viewerOf(database.db, billing.id);
    const preview = await previewPlanChange(database.db, actor, { plan: "pro" });
    expect(preview).toEqual({
      ok: true,
      preview: { from: "team", to: "pro", direction: "downgrade", losses: [{ feature: "invitations", affected: 2 }, { feature: "emailDomainSignIn", affected: 0 }] },
    });
    const result = await changePlan(database.db, actor, { plan: "pro" });
    expect(result).toMatchObject({ ok: true, from: "team", to: "pro", disabled: [{ feature: "invitations", affected: 2 }, { feature: "emailDomainSignIn", affected: 0 }] });
    for (const token of tokens) expect(await lookupInvitation(database.db, token)).toEqual({ status: "revoked" });
    // No member and no data is lost by a plan change.
    expect(await database.db.select().from(users).where(eq(users.organizationId, organization.id))).toHaveLength(3);
    expect(await database.db.select().from(chats).where(eq(chats.organizationId, organization.id))).toHaveLength(2);
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "organization.planChanged"));
    expect(event).toMatchObject({ actorId: billing.id, data: { from: "team", to: "pro", disabled: { invitations: 2, emailDomainSignIn: 0 } } });
  });

  it("an upgrade disables nothing", async () => {
    const { organization, billing } = await createCast(database.db, "free");
    const actor = await viewerOf(database.db, billing.id);
    expect(await previewPlanChange(database.db, actor, { plan: "enterprise" })).toMatchObject({ ok: true, preview: { direction: "upgrade", losses: [] } });
    expect(await changePlan(database.db, actor, { plan: "enterprise" })).toMatchObject({ ok: true, disabled: [] });
    const [row] = await database.db.select().from(organizations).where(eq(organizations.id, organization.id));
    expect(row!.plan).toBe("enterprise");
  });

  it("leaving Enterprise lists SSO among what the change disables", async () => {
    const { organization } = await createCast(database.db, "enterprise");
    const losses = await planChangeDisables(database.db, organization.id, "enterprise", "team");
    expect(losses.map((loss) => loss.feature)).toEqual(["ssoSaml"]);
  });

  it("refuses an unknown plan or the current one, and changes nothing", async () => {
    const { organization, billing } = await createCast(database.db, "pro");
    const actor = await viewerOf(database.db, billing.id);
    expect(await changePlan(database.db, actor, { plan: "platinum" })).toEqual({ ok: false, error: "validation", fields: { plan: ["invalidPlan"] } });
    expect(await changePlan(database.db, actor, { plan: "pro" })).toEqual({ ok: false, error: "samePlan", fields: { plan: ["samePlan"] } });
    const [row] = await database.db.select().from(organizations).where(eq(organizations.id, organization.id));
    expect(row!.plan).toBe("pro");
  });

  it("a Member and an Admin without the Billing role cannot change the plan", async () => {
    const { organization, admin, member } = await createCast(database.db, "team");
    await database.db.update(users).set({ billing: false }).where(eq(users.organizationId, organization.id));
    for (const id of [member.id, admin.id]) {
      expect(await changePlan(database.db, await viewerOf(database.db, id), { plan: "free" })).toEqual({ ok: false, error: "forbidden" });
    }
  });
});
