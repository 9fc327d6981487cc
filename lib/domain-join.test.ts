import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { joinRequests, organizationDomains, organizations, samlConnections, users } from "@/db/schema";
import { openTestDatabase } from "@/tests/support/db";
import { startDnsServer } from "@/tests/support/dns-server";
import { createCast, getUserById, viewerOf } from "@/tests/support/factories";
import { authenticate, signUp } from "./accounts";
import { createTxtLookup, verificationRecordName, verificationRecordValue } from "./dns";
import { decideJoinRequest, describePlanChangeImpact, listJoinRequests, recheckDomains } from "./domain-join";
import { addDomain, setJoinMode, verifyDomain } from "./domains";
import { completeSsoSignIn } from "./sso/connections";

let database: Database;
let dns: Awaited<ReturnType<typeof startDnsServer>>;
let lookup: ReturnType<typeof createTxtLookup>;
let sequence = 0;
beforeAll(async () => {
  [database, dns] = await Promise.all([openTestDatabase(), startDnsServer()]);
  lookup = createTxtLookup([dns.address], 1000);
});
afterAll(async () => {
  await Promise.all([database.close(), dns.close()]);
});

type Mode = "off" | "auto" | "approval";

/** An organization with a domain, verified through the loopback DNS server unless told otherwise. */
async function organizationWithDomain(options: { plan?: "free" | "pro" | "team" | "enterprise"; mode?: Mode; verify?: boolean } = {}) {
  const cast = await createCast(database.db, options.plan ?? "team");
  const admin = await viewerOf(database.db, cast.admin.id);
  const name = `join${++sequence}-${Date.now().toString(36)}.example`;
  const added = await addDomain(database.db, admin, { domain: name });
  if (!added.ok) throw new Error(added.error);
  if (options.verify !== false) {
    dns.setTxt(verificationRecordName(name), [verificationRecordValue(added.domain.verificationToken)]);
    await verifyDomain(database.db, admin, { domainId: added.domain.id }, lookup);
  }
  if (options.mode && options.mode !== "off") {
    if (options.verify === false || options.plan === "free" || options.plan === "pro") {
      await database.db.update(organizationDomains).set({ joinMode: options.mode }).where(eq(organizationDomains.id, added.domain.id));
    } else {
      const set = await setJoinMode(database.db, admin, { domainId: added.domain.id, joinMode: options.mode });
      if (!set.ok) throw new Error(set.error);
    }
  }
  return { ...cast, adminViewer: admin, domain: added.domain, name };
}

const person = (email: string) => ({ organizationName: "My own company", name: "Newcomer", email, password: "long-enough-password" });

async function organizationsCount() {
  return (await database.db.select({ id: organizations.id }).from(organizations)).length;
}

describe("signing up with an email of a verified domain", () => {
  it("automatic mode: the person joins that organization as Member instead of creating one", async () => {
    const { organization, name } = await organizationWithDomain({ mode: "auto" });
    const before = await organizationsCount();
    const result = await signUp(database.db, person(`Ada@${name.toUpperCase()}`), { locale: "fr" });
    expect(result).toMatchObject({ ok: true, user: { organizationId: organization.id, locale: "fr" } });
    expect(await organizationsCount()).toBe(before);
    const user = await getUserById(database.db, result.ok && result.user ? result.user.id : "");
    expect(user).toMatchObject({ role: "member", billing: false, email: `ada@${name}` });
    expect(await authenticate(database.db, { email: `ada@${name}`, password: "long-enough-password" })).toMatchObject({ ok: true });
  });

  it("approval mode: nothing is created until an Admin approves, then the person signs in", async () => {
    const { organization, name, adminViewer } = await organizationWithDomain({ mode: "approval" });
    const before = await organizationsCount();
    const result = await signUp(database.db, person(`bob@${name}`), { locale: "en" });
    expect(result).toEqual({ ok: true, joinRequested: { organizationName: organization.name } });
    expect(await organizationsCount()).toBe(before);
    expect(await authenticate(database.db, { email: `bob@${name}`, password: "long-enough-password" })).toMatchObject({ ok: false });

    const requests = await listJoinRequests(database.db, adminViewer);
    expect(requests?.map((request) => request.email)).toEqual([`bob@${name}`]);
    expect(await decideJoinRequest(database.db, adminViewer, { requestId: requests![0]!.id }, "approve")).toEqual({ ok: true, email: `bob@${name}` });
    expect(await authenticate(database.db, { email: `bob@${name}`, password: "long-enough-password" })).toMatchObject({ ok: true, user: { organizationId: organization.id } });
    expect(await listJoinRequests(database.db, adminViewer)).toEqual([]);
  });

  it("an Admin may refuse a request; the person can then sign up again", async () => {
    const { name, adminViewer } = await organizationWithDomain({ mode: "approval" });
    await signUp(database.db, person(`carol@${name}`), { locale: "en" });
    const [request] = (await listJoinRequests(database.db, adminViewer))!;
    expect(await decideJoinRequest(database.db, adminViewer, { requestId: request!.id }, "reject")).toMatchObject({ ok: true });
    expect(await database.db.select().from(users).where(eq(users.email, `carol@${name}`))).toHaveLength(0);
  });

  it("only an Admin of that organization decides a request", async () => {
    const { name, adminViewer, member, billing } = await organizationWithDomain({ mode: "approval" });
    const stranger = await organizationWithDomain({ mode: "approval" });
    await signUp(database.db, person(`dan@${name}`), { locale: "en" });
    const [request] = (await listJoinRequests(database.db, adminViewer))!;
    for (const actor of [await viewerOf(database.db, member.id), await viewerOf(database.db, billing.id), null]) {
      expect(await decideJoinRequest(database.db, actor, { requestId: request!.id }, "approve")).toEqual({ ok: false, error: "forbidden" });
      expect(await listJoinRequests(database.db, actor)).toBeNull();
    }
    expect(await decideJoinRequest(database.db, stranger.adminViewer, { requestId: request!.id }, "approve")).toEqual({ ok: false, error: "notFound" });
    expect(await database.db.select().from(joinRequests).where(eq(joinRequests.id, request!.id))).toHaveLength(1);
  });

  it("an unverified domain never joins anyone, whatever its join mode says", async () => {
    const { organization, name } = await organizationWithDomain({ mode: "auto", verify: false });
    const result = await signUp(database.db, person(`eve@${name}`), { locale: "en" });
    expect(result.ok && result.user?.organizationId).not.toBe(organization.id);
    expect(result).toMatchObject({ ok: true, user: { organizationId: expect.any(String) } });
  });

  it("join mode off, or a plan below Team, creates a new organization as before", async () => {
    for (const options of [{ mode: "off" as const }, { mode: "auto" as const, plan: "pro" as const }]) {
      const { organization, name } = await organizationWithDomain(options);
      const result = await signUp(database.db, person(`frank@${name}`), { locale: "en" });
      expect(result.ok && result.user?.organizationId).not.toBe(organization.id);
      const user = await getUserById(database.db, result.ok && result.user ? result.user.id : "");
      expect(user).toMatchObject({ role: "admin", billing: true });
    }
  });
});

describe("background re-check and plan changes", () => {
  it("a vanished record turns the domain failing (it still works), and a restored one verified again", async () => {
    const { domain, name, organization } = await organizationWithDomain({ mode: "auto" });
    dns.clear(verificationRecordName(name));
    const later = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
    await recheckDomains(database.db, { lookup, now: later });
    const [failing] = await database.db.select().from(organizationDomains).where(eq(organizationDomains.id, domain.id));
    expect(failing).toMatchObject({ status: "failing", lastCheckResult: "notFound" });
    expect(await signUp(database.db, person(`gina@${name}`), { locale: "en" })).toMatchObject({ user: { organizationId: organization.id } });

    dns.setTxt(verificationRecordName(name), [verificationRecordValue(domain.verificationToken)]);
    await recheckDomains(database.db, { lookup, now: new Date(later.getTime() + 2 * 24 * 60 * 60 * 1000) });
    const [restored] = await database.db.select().from(organizationDomains).where(eq(organizationDomains.id, domain.id));
    expect(restored?.status).toBe("verified");
  });

  it("describes what leaving Enterprise or Team takes away, SSO counted only where it is configured", async () => {
    const { organization, domain, name, member } = await organizationWithDomain({ plan: "enterprise", mode: "approval" });
    await database.db.update(organizationDomains).set({ ssoRequired: true }).where(eq(organizationDomains.id, domain.id));
    await signUp(database.db, person(`hal@${name}`), { locale: "en" });
    await database.db.update(users).set({ email: `ivy@${name}` }).where(eq(users.id, member.id));
    // Without an identity provider nobody signs in through SSO.
    expect(await describePlanChangeImpact(database.db, organization.id, "enterprise", "team")).toMatchObject({ ssoDomains: [name], ssoUsers: 0 });
    await database.db.insert(samlConnections).values({ organizationId: organization.id, idpEntityId: "https://idp.example/x", idpSsoUrl: "https://idp.example/sso", idpCertificate: "x" });
    const sso = await completeSsoSignIn(database.db, organization.id, { email: `sam@${name}`, name: "Sam" });
    expect(sso.ok).toBe(true);
    expect(await describePlanChangeImpact(database.db, organization.id, "enterprise", "team")).toEqual({
      ssoDomains: [name],
      ssoUsers: 2,
      ssoUsersWithoutPassword: 1,
      joinDomains: [],
      pendingJoinRequests: 0,
    });
    expect(await describePlanChangeImpact(database.db, organization.id, "enterprise", "pro")).toEqual({
      ssoDomains: [name],
      ssoUsers: 2,
      ssoUsersWithoutPassword: 1,
      joinDomains: [name],
      pendingJoinRequests: 1,
    });
    const nothing = { ssoDomains: [], ssoUsers: 0, ssoUsersWithoutPassword: 0, joinDomains: [], pendingJoinRequests: 0 };
    expect(await describePlanChangeImpact(database.db, organization.id, "pro", "enterprise")).toEqual(nothing);
    // From Team, SSO was already off: only joining by email is lost.
    expect(await describePlanChangeImpact(database.db, organization.id, "team", "free")).toEqual({ ...nothing, joinDomains: [name], pendingJoinRequests: 1 });
  });
});
