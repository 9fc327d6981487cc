import { and, eq } from "drizzle-orm";
import { auditEvents, emailTokens, organizationDomains, samlConnections, users } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createOrganization, createUser, signedInViewer, testPassword } from "@/tests/support/factories";
import { authenticate } from "./accounts";
import { requestPasswordReset, resetPassword } from "./password-reset";
import { loadSessionUser } from "./session-user";

const database = testDatabaseForThisFile();

let sequence = 0;
const linkFor = (token: string, locale: string) => `http://console.test/${locale}/reset-password?token=${token}`;
const tokenOf = (link: string | undefined) => new URL(link ?? "http://x/").searchParams.get("token") ?? "";

async function person(options: { role?: "admin" | "member"; locale?: "fr" | "en"; domain?: string } = {}) {
  const organization = await createOrganization(database.db, { plan: "enterprise" });
  const email = `reset${++sequence}@${options.domain ?? "example.test"}`;
  const user = await createUser(database.db, organization.id, { email, role: options.role, locale: options.locale, name: "Rémi" });
  return { organization, user, email };
}

/** A domain of the organization whose people must sign in with SSO (Enterprise, identity provider set). */
async function requireSso(organizationId: string, domain: string) {
  await database.db.insert(organizationDomains).values({ organizationId, domain, verificationToken: "t", status: "verified", ssoRequired: true });
  await database.db.insert(samlConnections).values({ organizationId, idpEntityId: "https://idp.example", idpSsoUrl: "https://idp.example/sso", idpCertificate: "cert" });
}

async function requestFor(email: string, clientAddress = `10.0.0.${++sequence % 250}`) {
  return requestPasswordReset(database.db, { email, clientAddress }, { linkFor });
}

describe("forgot password", () => {
  it("answers the same for an unknown email as for a real account; only the account gets a mail", async () => {
    const { email } = await person({ locale: "fr" });
    const known = await requestFor(` ${email.toUpperCase()} `);
    const unknown = await requestFor("nobody-here@example.test");
    expect(unknown).toEqual({ ok: true, mail: null });
    expect(known).toMatchObject({ ok: true, mail: { to: email, subject: "Réinitialisez votre mot de passe Org Console" } });
    expect(known.ok && known.mail?.text).toContain(`http://console.test/fr/reset-password?token=`);
    expect(Object.keys(known)).toEqual(Object.keys(unknown));
  });

  it("refuses an invalid email address with a field error", async () => {
    expect(await requestFor("not an email")).toEqual({ ok: false, error: "validation", fields: { email: ["invalidEmail"] } });
  });

  it("throttles requests per email, known or not, and per client address", async () => {
    const { email } = await person();
    for (const address of [email, "ghost@example.test"]) {
      for (let attempt = 0; attempt < 3; attempt += 1) expect(await requestFor(address)).toMatchObject({ ok: true });
      expect(await requestFor(address)).toEqual({ ok: false, error: "throttled" });
    }
    const clientAddress = "192.0.2.77";
    for (let attempt = 0; attempt < 20; attempt += 1) expect(await requestFor(`many${attempt}@example.test`, clientAddress)).toMatchObject({ ok: true });
    expect(await requestFor("one-more@example.test", clientAddress)).toEqual({ ok: false, error: "throttled" });
    // An hour later the email may ask again.
    const later = new Date(Date.now() + 61 * 60 * 1000);
    expect(await requestPasswordReset(database.db, { email, clientAddress: "10.9.9.9" }, { linkFor, now: later })).toMatchObject({ ok: true, mail: { to: email } });
  });

  it("a non-Admin of a domain with mandatory SSO gets no reset link, only a mail saying to use SSO", async () => {
    const domain = `sso${++sequence}.example`;
    const { email, organization } = await person({ domain });
    await requireSso(organization.id, domain);
    const result = await requestFor(email);
    expect(result).toMatchObject({ ok: true, mail: { to: email, subject: "How to sign in to Org Console" } });
    expect(result.ok && result.mail?.link).toBeUndefined();
    expect(result.ok && result.mail?.text).toContain("single sign-on (SSO)");
    expect(await database.db.select().from(emailTokens).where(eq(emailTokens.email, email))).toHaveLength(0);
  });

  it("an Admin of that domain keeps the way back in: the link is sent and works", async () => {
    const domain = `sso${++sequence}.example`;
    const { email, organization } = await person({ domain, role: "admin" });
    await requireSso(organization.id, domain);
    const result = await requestFor(email);
    expect(result.ok && result.mail?.link).toContain("/en/reset-password?token=");
    const token = tokenOf(result.ok ? result.mail?.link : undefined);
    expect(await resetPassword(database.db, { token, newPassword: "a-brand-new-password", confirmPassword: "a-brand-new-password" })).toMatchObject({ ok: true });
    expect(await authenticate(database.db, { email, password: "a-brand-new-password" })).toMatchObject({ ok: true });
  });
});

describe("resetting the password through the link", () => {
  async function linkFor_(email: string) {
    const result = await requestFor(email);
    return tokenOf(result.ok ? (result.mail?.link ?? undefined) : undefined);
  }

  it("the new password works, the old one no longer does, and the audit log says so", async () => {
    const { email, user, organization } = await person();
    const token = await linkFor_(email);
    const result = await resetPassword(database.db, { token, newPassword: "a-brand-new-password", confirmPassword: "a-brand-new-password" });
    expect(result).toMatchObject({ ok: true, email, locale: "en" });
    expect(await authenticate(database.db, { email, password: testPassword })).toEqual({ ok: false, error: "invalid" });
    expect(await authenticate(database.db, { email, password: "a-brand-new-password" })).toMatchObject({ ok: true, user: { id: user.id } });
    const events = await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, organization.id), eq(auditEvents.action, "profile.passwordReset")));
    expect(events).toMatchObject([{ actorId: user.id, target: email }]);
  });

  it("the link works once", async () => {
    const { email } = await person();
    const token = await linkFor_(email);
    const input = { token, newPassword: "first-new-password", confirmPassword: "first-new-password" };
    expect(await resetPassword(database.db, input)).toMatchObject({ ok: true });
    expect(await resetPassword(database.db, { ...input, newPassword: "second-new-password", confirmPassword: "second-new-password" })).toEqual({ ok: false, error: "used" });
    expect(await authenticate(database.db, { email, password: "first-new-password" })).toMatchObject({ ok: true });
  });

  it("an hour later the link has expired", async () => {
    const { email } = await person();
    const token = await linkFor_(email);
    const later = new Date(Date.now() + 61 * 60 * 1000);
    expect(await resetPassword(database.db, { token, newPassword: "a-brand-new-password", confirmPassword: "a-brand-new-password" }, later)).toEqual({ ok: false, error: "expired" });
    expect(await authenticate(database.db, { email, password: testPassword })).toMatchObject({ ok: true });
  });

  it("uses the rules of sign-up: 10 characters at least, typed twice alike", async () => {
    const { email } = await person();
    const token = await linkFor_(email);
    expect(await resetPassword(database.db, { token, newPassword: "short", confirmPassword: "short" })).toEqual({ ok: false, error: "validation", fields: { newPassword: ["passwordTooShort"] } });
    expect(await resetPassword(database.db, { token, newPassword: "long-enough-one", confirmPassword: "long-enough-two" })).toEqual({ ok: false, error: "validation", fields: { confirmPassword: ["passwordsDoNotMatch"] } });
    // A refused attempt leaves the link usable.
    expect(await resetPassword(database.db, { token, newPassword: "long-enough-one", confirmPassword: "long-enough-one" })).toMatchObject({ ok: true });
  });

  it("ends every session signed in before the reset, and lifts a sign-in lock", async () => {
    const { email, user } = await person();
    for (let attempt = 0; attempt < 5; attempt += 1) await authenticate(database.db, { email, password: "wrong-password" });
    expect(await authenticate(database.db, { email, password: testPassword })).toMatchObject({ ok: false, error: "throttled" });
    const sessions = [await signedInViewer(database.db, user.id), await signedInViewer(database.db, user.id)];
    const reset = await resetPassword(database.db, { token: await linkFor_(email), newPassword: "a-brand-new-password", confirmPassword: "a-brand-new-password" });
    expect(reset).toMatchObject({ ok: true, mail: { to: email, subject: "Your Org Console password was changed" } });
    for (const session of sessions) {
      expect(await loadSessionUser(database.db, session.sessionId)).toEqual({ status: "gone", reason: "passwordReset" });
    }
    expect(await authenticate(database.db, { email, password: "a-brand-new-password" })).toMatchObject({ ok: true });
    // The new sign-in opens a session that works.
    expect((await loadSessionUser(database.db, (await signedInViewer(database.db, user.id)).sessionId)).status).toBe("ok");
  });

  it("a link sent before the domain made SSO mandatory no longer resets a non-Admin's password", async () => {
    const domain = `sso${++sequence}.example`;
    const { email, organization } = await person({ domain });
    const token = await linkFor_(email);
    await requireSso(organization.id, domain);
    const hashOf = async () => (await database.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.email, email)))[0]?.passwordHash;
    const before = await hashOf();
    expect(await resetPassword(database.db, { token, newPassword: "a-brand-new-password", confirmPassword: "a-brand-new-password" })).toEqual({ ok: false, error: "ssoRequired" });
    expect(await hashOf()).toBe(before);
  });
});
