import { eq } from "drizzle-orm";
import { emailTokens, joinRequests, organizationDomains, organizations, samlConnections, users } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { dnsServerForThisFile } from "@/tests/support/dns-server";
import { createCast, getUserById, viewerOf } from "@/tests/support/factories";
import { authenticate, signUp } from "@/lib/auth/accounts";
import { verificationRecordName, verificationRecordValue } from "./dns";
import { asksApproval, decideJoinRequest, describePlanChangeImpact, joinsByApproval, listJoinRequests } from "./domain-join";
import { recheckDomains } from "./rechecks";
import { addDomain, setJoinMode, verifyDomain } from "./domains";
import { confirmJoin, lookupJoinConfirmation } from "./join-confirmation";
import { completeSsoSignIn, redeemLoginTicket } from "@/lib/sso/connections";

const database = testDatabaseForThisFile();
const dns = dnsServerForThisFile();
let sequence = 0;

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
    await verifyDomain(database.db, admin, { domainId: added.domain.id }, dns.lookup);
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

/** Signs up, then opens the link the confirmation email carries, as the person would. */
async function signUpAndConfirm(input: ReturnType<typeof person>, locale: "fr" | "en" = "en") {
  const result = await signUp(database.db, input, { locale });
  if (!result.ok || !result.confirmationSent) throw new Error(`expected a confirmation email, got ${JSON.stringify(result)}`);
  return confirmJoin(database.db, result.confirmationSent.token ?? "");
}

async function userIdOf(email: string) {
  const [user] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return user?.id ?? "";
}

async function organizationsCount() {
  return (await database.db.select({ id: organizations.id }).from(organizations)).length;
}

describe("signing up with an email of a verified domain", () => {
  it("automatic mode: the person joins that organization as Member instead of creating one", async () => {
    const { organization, name } = await organizationWithDomain({ mode: "auto" });
    const before = await organizationsCount();
    const signedUp = await signUp(database.db, person(`Ada@${name.toUpperCase()}`), { locale: "fr" });
    expect(signedUp).toMatchObject({ ok: true, confirmationSent: { email: `ada@${name}`, organizationName: organization.name } });
    // Nothing is created before the mailbox is proved: the password does not work yet.
    expect(await authenticate(database.db, { email: `ada@${name}`, password: "long-enough-password" })).toMatchObject({ ok: false });
    const result = await confirmJoin(database.db, signedUp.ok ? signedUp.confirmationSent!.token : "");
    expect(result).toMatchObject({ ok: true, joined: { email: `ada@${name}`, organizationName: organization.name } });
    expect(await organizationsCount()).toBe(before);
    const user = await getUserById(database.db, await userIdOf(`ada@${name}`));
    expect(user).toMatchObject({ role: "member", billing: false, email: `ada@${name}`, locale: "fr", organizationId: organization.id });
    expect(await authenticate(database.db, { email: `ada@${name}`, password: "long-enough-password" })).toMatchObject({ ok: true });
  });

  it("approval mode: nothing is created until an Admin approves, then the person signs in", async () => {
    const { organization, name, adminViewer } = await organizationWithDomain({ mode: "approval" });
    const before = await organizationsCount();
    const result = await signUpAndConfirm(person(`bob@${name}`));
    expect(result).toEqual({ ok: true, joinRequested: { email: `bob@${name}`, organizationName: organization.name } });
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
    await signUpAndConfirm(person(`carol@${name}`));
    const [request] = (await listJoinRequests(database.db, adminViewer))!;
    expect(await decideJoinRequest(database.db, adminViewer, { requestId: request!.id }, "reject")).toMatchObject({ ok: true });
    expect(await database.db.select().from(users).where(eq(users.email, `carol@${name}`))).toHaveLength(0);
  });

  it("only an Admin of that organization decides a request", async () => {
    const { name, adminViewer, member, billing } = await organizationWithDomain({ mode: "approval" });
    const stranger = await organizationWithDomain({ mode: "approval" });
    await signUpAndConfirm(person(`dan@${name}`));
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

  it("requests can arrive only where a claimed domain asks approval (what shows the Members page's empty section)", async () => {
    const off = await organizationWithDomain();
    const auto = await organizationWithDomain({ mode: "auto" });
    const approval = await organizationWithDomain({ mode: "approval" });
    const unverified = await organizationWithDomain({ mode: "approval", verify: false });
    expect(await joinsByApproval(database.db, off.organization.id)).toBe(false);
    expect(await joinsByApproval(database.db, auto.organization.id)).toBe(false);
    expect(await joinsByApproval(database.db, approval.organization.id)).toBe(true);
    expect(await joinsByApproval(database.db, unverified.organization.id)).toBe(false);
    // The Authentication page answers the same from the domains it has read.
    for (const { organization } of [off, auto, approval, unverified]) {
      const domains = await database.db.select().from(organizationDomains).where(eq(organizationDomains.organizationId, organization.id));
      expect(domains.some(asksApproval)).toBe(await joinsByApproval(database.db, organization.id));
    }
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

describe("the emailed confirmation link", () => {
  async function pendingSignUp(email: string, mode: Mode = "auto") {
    const setup = await organizationWithDomain({ mode });
    const address = `${email}@${setup.name}`;
    const result = await signUp(database.db, person(address), { locale: "en" });
    if (!result.ok || !result.confirmationSent) throw new Error("expected a confirmation");
    return { ...setup, address, token: result.confirmationSent.token! };
  }

  it("mails three links an hour to one address at most; the latest stays valid", async () => {
    const { address, token: first } = await pendingSignUp("kai");
    const tokens: (string | null)[] = [first];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const again = await signUp(database.db, person(address), { locale: "en" });
      if (!again.ok || !again.confirmationSent) throw new Error("expected a confirmation");
      tokens.push(again.confirmationSent.token);
    }
    // The fourth sign-up gets the same answer, but no new link (so no mail) is made.
    expect(tokens.slice(0, 3).every((token) => typeof token === "string")).toBe(true);
    expect(tokens[3]).toBeNull();
    expect(await lookupJoinConfirmation(database.db, tokens[2]!)).toMatchObject({ status: "valid", email: address });
    expect(await confirmJoin(database.db, tokens[2]!)).toMatchObject({ ok: true, joined: { email: address } });
  });

  it("keeps only a hash of the password and of the link until it is opened", async () => {
    const { address, token } = await pendingSignUp("ida");
    const rows = await database.db.select().from(emailTokens).where(eq(emailTokens.email, address));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toMatchObject({ name: "Newcomer", locale: "en", passwordHash: expect.stringMatching(/^scrypt\$/) });
    expect(JSON.stringify(rows)).not.toContain("long-enough-password");
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await database.db.select().from(users).where(eq(users.email, address))).toHaveLength(0);
  });

  it("opening the link only shows where it leads; confirming uses it, once", async () => {
    const { address, token, organization } = await pendingSignUp("jon", "approval");
    expect(await lookupJoinConfirmation(database.db, token)).toEqual({ status: "valid", email: address, organizationName: organization.name, mode: "approval" });
    expect(await lookupJoinConfirmation(database.db, token)).toMatchObject({ status: "valid" });
    expect(await confirmJoin(database.db, token)).toMatchObject({ ok: true, joinRequested: { email: address } });
    expect(await confirmJoin(database.db, token)).toEqual({ ok: false, error: "used" });
    expect(await lookupJoinConfirmation(database.db, token)).toEqual({ status: "used" });
    expect(await database.db.select().from(joinRequests).where(eq(joinRequests.email, address))).toHaveLength(1);
  });

  it("a link older than a day has expired and creates nothing", async () => {
    const { address, token } = await pendingSignUp("kim");
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000 + 1000);
    expect(await lookupJoinConfirmation(database.db, token, tomorrow)).toEqual({ status: "expired" });
    expect(await confirmJoin(database.db, token, tomorrow)).toEqual({ ok: false, error: "expired" });
    expect(await database.db.select().from(users).where(eq(users.email, address))).toHaveLength(0);
    expect(await confirmJoin(database.db, "not-a-token-of-ours-at-all-0000000000000")).toEqual({ ok: false, error: "unknown" });
  });

  it("the domain turned off meanwhile: nothing is created, and the link works again if it is turned back on", async () => {
    const { address, token, domain, organization } = await pendingSignUp("lea");
    await database.db.update(organizationDomains).set({ joinMode: "off" }).where(eq(organizationDomains.id, domain.id));
    expect(await lookupJoinConfirmation(database.db, token)).toEqual({ status: "notJoinable" });
    expect(await confirmJoin(database.db, token)).toEqual({ ok: false, error: "notJoinable" });
    expect(await database.db.select().from(users).where(eq(users.email, address))).toHaveLength(0);
    // A plan below Team refuses it too.
    await database.db.update(organizationDomains).set({ joinMode: "auto" }).where(eq(organizationDomains.id, domain.id));
    await database.db.update(organizations).set({ plan: "pro" }).where(eq(organizations.id, organization.id));
    expect(await confirmJoin(database.db, token)).toEqual({ ok: false, error: "notJoinable" });
    await database.db.update(organizations).set({ plan: "team" }).where(eq(organizations.id, organization.id));
    expect(await confirmJoin(database.db, token)).toMatchObject({ ok: true, joined: { email: address } });
  });

  it("the email got an account meanwhile: the link is refused and that account is untouched", async () => {
    const { address, token } = await pendingSignUp("max");
    const other = await createCast(database.db, "free");
    await database.db.update(users).set({ email: address }).where(eq(users.id, other.member.id));
    expect(await confirmJoin(database.db, token)).toEqual({ ok: false, error: "emailTaken" });
    expect(await getUserById(database.db, other.member.id)).toMatchObject({ email: address, organizationId: other.organization.id });
  });

  it("the auto-mode confirmation signs the person in with a one-time ticket", async () => {
    const { address, token } = await pendingSignUp("ned");
    const result = await confirmJoin(database.db, token);
    if (!result.ok || !result.joined) throw new Error("expected to join");
    expect(await redeemLoginTicket(database.db, result.joined.loginTicket)).toMatchObject({ id: await userIdOf(address) });
    expect(await redeemLoginTicket(database.db, result.joined.loginTicket)).toBeNull();
  });

  it("two confirmations at the same moment join once", async () => {
    const { address, token } = await pendingSignUp("oli");
    const outcomes = await Promise.all([confirmJoin(database.db, token), confirmJoin(database.db, token)]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(await database.db.select().from(users).where(eq(users.email, address))).toHaveLength(1);
  });
});

describe("background re-check and plan changes", () => {
  it("a vanished record turns the domain failing (it still works), and a restored one verified again", async () => {
    const { domain, name, organization } = await organizationWithDomain({ mode: "auto" });
    dns.clear(verificationRecordName(name));
    const later = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
    await recheckDomains(database.db, { lookup: dns.lookup, now: later });
    const [failing] = await database.db.select().from(organizationDomains).where(eq(organizationDomains.id, domain.id));
    expect(failing).toMatchObject({ status: "failing", lastCheckResult: "notFound" });
    expect(await signUpAndConfirm(person(`gina@${name}`))).toMatchObject({ ok: true, joined: { organizationName: organization.name } });
    expect(await getUserById(database.db, await userIdOf(`gina@${name}`))).toMatchObject({ organizationId: organization.id });

    dns.setTxt(verificationRecordName(name), [verificationRecordValue(domain.verificationToken)]);
    await recheckDomains(database.db, { lookup: dns.lookup, now: new Date(later.getTime() + 2 * 24 * 60 * 60 * 1000) });
    const [restored] = await database.db.select().from(organizationDomains).where(eq(organizationDomains.id, domain.id));
    expect(restored?.status).toBe("verified");
  });

  it("describes what leaving Enterprise or Team takes away, SSO counted only where it is configured", async () => {
    const { organization, domain, name, member } = await organizationWithDomain({ plan: "enterprise", mode: "approval" });
    await database.db.update(organizationDomains).set({ ssoRequired: true }).where(eq(organizationDomains.id, domain.id));
    await signUpAndConfirm(person(`hal@${name}`));
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
