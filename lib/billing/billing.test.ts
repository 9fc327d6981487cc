import { eq } from "drizzle-orm";
import { auditEvents, chats, joinRequests, organizationDomains, organizations, samlConnections, users } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, createChats, testPassword, viewerOf } from "@/tests/support/factories";
import { changePlan, planChangeDisables, previewPlanChange } from "./billing";
import { authenticate, signUp } from "@/lib/auth/accounts";
import { decideJoinRequest } from "@/lib/domains/domain-join";
import { addDomain, setJoinMode } from "@/lib/domains/domains";
import { createInvitation, lookupInvitation } from "@/lib/members/invitations";
import { hashPassword } from "@/lib/core/passwords";
import { completeSsoSignIn, getActiveConnection, ssoConnectionForEmail } from "@/lib/sso/connections";
import { confirmJoin } from "@/lib/domains/join-confirmation";

const database = testDatabaseForThisFile();

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
      preview: {
        from: "team",
        to: "pro",
        direction: "downgrade",
        losses: [{ feature: "invitations", affected: 2 }, { feature: "emailDomainSignIn", affected: 0 }, { feature: "chatRetention", affected: 0 }, { feature: "twoStepPolicy", affected: 0 }],
        authentication: { ssoDomains: [], ssoUsers: 0, ssoUsersWithoutPassword: 0, joinDomains: [], pendingJoinRequests: 0 },
      },
    });
    const result = await changePlan(database.db, actor, { plan: "pro" });
    expect(result).toMatchObject({ ok: true, from: "team", to: "pro", disabled: [{ feature: "invitations", affected: 2 }, { feature: "emailDomainSignIn", affected: 0 }, { feature: "chatRetention", affected: 0 }, { feature: "twoStepPolicy", affected: 0 }] });
    for (const token of tokens) expect(await lookupInvitation(database.db, token)).toEqual({ status: "revoked" });
    // No member and no data is lost by a plan change.
    expect(await database.db.select().from(users).where(eq(users.organizationId, organization.id))).toHaveLength(3);
    expect(await database.db.select().from(chats).where(eq(chats.organizationId, organization.id))).toHaveLength(2);
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "organization.planChanged"));
    expect(event).toMatchObject({ actorId: billing.id, data: { from: "team", to: "pro", disabled: { invitations: 2, emailDomainSignIn: 0, chatRetention: 0, twoStepPolicy: 0 } } });
  });

  it("leaving Enterprise for Pro says which domains and people lose SSO and joining by email, then deletes nothing", async () => {
    const { organization, admin, billing, member } = await createCast(database.db, "enterprise");
    const adminViewer = await viewerOf(database.db, admin.id);
    const ssoDomain = `sso-${organization.id.slice(0, 8)}.example`;
    const joinDomain = `join-${organization.id.slice(0, 8)}.example`;
    for (const domain of [ssoDomain, joinDomain]) {
      const added = await addDomain(database.db, adminViewer, { domain });
      if (!added.ok) throw new Error(added.error);
      // Verified as the DNS check would leave it (the check itself is tested in domains.test.ts).
      await database.db.update(organizationDomains).set({ status: "verified", verifiedAt: new Date() }).where(eq(organizationDomains.id, added.domain.id));
      if (domain === joinDomain) expect((await setJoinMode(database.db, adminViewer, { domainId: added.domain.id, joinMode: "approval" })).ok).toBe(true);
    }
    await database.db.insert(samlConnections).values({ organizationId: organization.id, idpEntityId: "https://idp.example/e", idpSsoUrl: "https://idp.example/sso", idpCertificate: "certificate" });
    await database.db.update(organizationDomains).set({ ssoRequired: true }).where(eq(organizationDomains.domain, ssoDomain));
    // Two people sign in through SSO: one with a password of their own, one whose account SSO created.
    await database.db.update(users).set({ email: `mia@${ssoDomain}` }).where(eq(users.id, member.id));
    const created = await completeSsoSignIn(database.db, organization.id, { email: `sol@${ssoDomain}`, name: "Sol" });
    if (!created.ok) throw new Error(created.error);
    for (const email of [`kim@${joinDomain}`, `lou@${joinDomain}`]) {
      // Each confirms the link mailed to them; only then is the request filed.
      const signedUp = await signUp(database.db, { organizationName: "Own", name: "Newcomer", email, password: "long-enough-password" }, { locale: "en" });
      if (!signedUp.ok || !signedUp.confirmationSent) throw new Error("no confirmation link was sent");
      expect(await confirmJoin(database.db, signedUp.confirmationSent.token)).toMatchObject({ ok: true });
    }
    // Mandatory SSO keeps the password out today.
    expect(await authenticate(database.db, { email: `mia@${ssoDomain}`, password: testPassword })).toEqual({ ok: false, error: "invalid" });

    const authentication = { ssoDomains: [ssoDomain], ssoUsers: 2, ssoUsersWithoutPassword: 1, joinDomains: [joinDomain], pendingJoinRequests: 2 };
    const actor = await viewerOf(database.db, billing.id);
    expect(await previewPlanChange(database.db, actor, { plan: "pro" })).toEqual({
      ok: true,
      preview: {
        from: "enterprise",
        to: "pro",
        direction: "downgrade",
        losses: [{ feature: "invitations", affected: 0 }, { feature: "emailDomainSignIn", affected: 2 }, { feature: "chatRetention", affected: 0 }, { feature: "ssoSaml", affected: 2 }, { feature: "auditStreaming", affected: 0 }, { feature: "auditRetention", affected: 0 }, { feature: "twoStepPolicy", affected: 0 }],
        authentication,
      },
    });
    const before = await database.db.select().from(organizationDomains).where(eq(organizationDomains.organizationId, organization.id));
    expect(await changePlan(database.db, actor, { plan: "pro" })).toMatchObject({ ok: true, disabled: [{ feature: "invitations", affected: 0 }, { feature: "emailDomainSignIn", affected: 2 }, { feature: "chatRetention", affected: 0 }, { feature: "ssoSaml", affected: 2 }, { feature: "auditStreaming", affected: 0 }, { feature: "auditRetention", affected: 0 }, { feature: "twoStepPolicy", affected: 0 }] });
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, organization.id)).orderBy(auditEvents.id).then((rows) => rows.filter((row) => row.action === "organization.planChanged"));
    expect(event!.data).toEqual({ from: "enterprise", to: "pro", disabled: { invitations: 0, emailDomainSignIn: 2, chatRetention: 0, ssoSaml: 2, auditStreaming: 0, auditRetention: 0, twoStepPolicy: 0 }, authentication });

    // Nothing deleted: accounts, domains with their settings, the SSO configuration, the requests.
    expect(await database.db.select().from(users).where(eq(users.organizationId, organization.id))).toHaveLength(4);
    expect(await database.db.select().from(organizationDomains).where(eq(organizationDomains.organizationId, organization.id))).toEqual(before);
    expect(await database.db.select().from(samlConnections).where(eq(samlConnections.organizationId, organization.id))).toHaveLength(1);
    expect(await database.db.select().from(joinRequests).where(eq(joinRequests.organizationId, organization.id))).toHaveLength(2);
    // SSO is off, so the password works again; the SSO-made account signs in once it has set one.
    expect(await ssoConnectionForEmail(database.db, `mia@${ssoDomain}`)).toBeNull();
    expect(await getActiveConnection(database.db, organization.id)).toBeUndefined();
    expect(await authenticate(database.db, { email: `mia@${ssoDomain}`, password: testPassword })).toMatchObject({ ok: true });
    await database.db.update(users).set({ passwordHash: await hashPassword("a-password-after-reset") }).where(eq(users.email, `sol@${ssoDomain}`));
    expect(await authenticate(database.db, { email: `sol@${ssoDomain}`, password: "a-password-after-reset" })).toMatchObject({ ok: true });
    // Waiting requests can be refused, not approved.
    const [first, second] = await database.db.select().from(joinRequests).where(eq(joinRequests.organizationId, organization.id));
    const adminOnPro = await viewerOf(database.db, admin.id);
    expect(await decideJoinRequest(database.db, adminOnPro, { requestId: first!.id }, "approve")).toEqual({ ok: false, error: "planRequired" });
    expect(await decideJoinRequest(database.db, adminOnPro, { requestId: second!.id }, "reject")).toMatchObject({ ok: true });

    // Back on Enterprise, the kept configuration works again, mandatory SSO included.
    expect(await changePlan(database.db, await viewerOf(database.db, billing.id), { plan: "enterprise" })).toMatchObject({ ok: true });
    expect(await ssoConnectionForEmail(database.db, `mia@${ssoDomain}`)).toMatchObject({ organizationId: organization.id, ssoRequired: true });
    expect(await getActiveConnection(database.db, organization.id)).toMatchObject({ idpEntityId: "https://idp.example/e" });
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
    expect(losses.map((loss) => loss.feature)).toEqual(["ssoSaml", "auditStreaming", "auditRetention"]);
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
