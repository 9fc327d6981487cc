import { and, eq } from "drizzle-orm";
import { auditEvents, loginTickets, organizationDomains, organizations, samlConnections, users } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { identityProviderMetadata, signedResponse, testIdpEntityId, throwawayCertificate } from "@/tests/support/saml-idp";
import { createCast, createUser, viewerOf } from "@/tests/support/factories";
import { authenticate } from "@/lib/auth/accounts";
import { testPassword } from "@/tests/support/factories";
import { splitCertificates } from "./certificates";
import {
  completeSsoSignIn,
  databaseStores,
  identityProviderOf,
  redeemLoginTicket,
  saveConnection,
  saveConnectionFromMetadata,
  setSsoRequired,
  ssoConnectionForEmail,
} from "./connections";
import { createSignInRequest, serviceProviderFor, validateSignInResponse } from "./saml";

const idpKeys = throwawayCertificate();
const idpSettings = { idpEntityId: "https://idp.test.example/metadata", idpSsoUrl: "http://127.0.0.1:9/sso", idpCertificate: idpKeys.certificate };

const database = testDatabaseForThisFile();
let sequence = 0;

/** An Enterprise organization with a verified domain and its identity provider configured. */
async function enterprise(plan: "team" | "enterprise" = "enterprise") {
  const cast = await createCast(database.db, plan);
  const domain = `sso${++sequence}-${Date.now().toString(36)}.example`;
  await database.db.insert(organizationDomains).values({ organizationId: cast.organization.id, domain, verificationToken: "t", status: "verified", verifiedAt: new Date() });
  const admin = await viewerOf(database.db, cast.admin.id);
  const saved = await saveConnection(database.db, admin, idpSettings);
  return { ...cast, admin, domain, saved };
}

/** The whole round trip: our AuthnRequest, the test IdP's signed response, our ACS checks. */
async function roundTrip(organizationId: string, email: string) {
  const sp = serviceProviderFor("https://console.test.example", organizationId);
  const connection = (await database.db.select().from(samlConnections).where(eq(samlConnections.organizationId, organizationId)))[0]!;
  const stores = databaseStores(database.db, organizationId);
  const request = await createSignInRequest(sp, identityProviderOf(connection), stores, "/en/studio");
  const response = signedResponse({ email, audience: sp.entityId, recipient: sp.acsUrl, inResponseTo: request.requestId, privateKey: idpKeys.privateKey });
  return { sp, connection, stores, response, requestId: request.requestId, validated: await validateSignInResponse(sp, identityProviderOf(connection), stores, response, request.requestId) };
}

describe("SSO configuration", () => {
  it("an Admin on Enterprise saves the identity provider; the certificate is kept as PEM", async () => {
    const { saved } = await enterprise();
    expect(saved).toMatchObject({ ok: true, connection: { idpEntityId: idpSettings.idpEntityId, idpSsoUrl: idpSettings.idpSsoUrl } });
  });

  it("is refused below Enterprise, to non-Admins and signed out, changing nothing", async () => {
    const { saved, organization, member, billing } = await enterprise("team");
    expect(saved).toEqual({ ok: false, error: "planRequired" });
    for (const actor of [await viewerOf(database.db, member.id), await viewerOf(database.db, billing.id), null]) {
      expect(await saveConnection(database.db, actor, idpSettings)).toEqual({ ok: false, error: "forbidden" });
    }
    expect(await database.db.select().from(samlConnections).where(eq(samlConnections.organizationId, organization.id))).toHaveLength(0);
  });

  it("refuses a sign-in URL that is not https and a certificate that is not one", async () => {
    const { admin } = await enterprise();
    const result = await saveConnection(database.db, admin, { idpEntityId: "x", idpSsoUrl: "http://idp.example/sso", idpCertificate: "not a certificate" });
    expect(result).toMatchObject({ ok: false, error: "validation", fields: { idpSsoUrl: ["invalidUrl"], idpCertificate: ["invalidCertificate"] } });
  });
});

describe("SSO configuration from pasted metadata", () => {
  const nextKeys = throwawayCertificate("next-idp.example");
  const metadata = (options: Partial<Parameters<typeof identityProviderMetadata>[0]> = {}) => ({
    idpMetadata: identityProviderMetadata({ ssoUrl: "http://127.0.0.1:9/sso", certificates: [idpKeys.certificate], ...options }),
  });
  const connectionOf = async (organizationId: string) => (await database.db.select().from(samlConnections).where(eq(samlConnections.organizationId, organizationId)))[0];
  const configuredEvents = async (organizationId: string) =>
    database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, "sso.configured")));

  it("an Admin on Enterprise saves the identity provider from its metadata; it is audited as such and people sign in through it", async () => {
    const { admin, organization, domain } = await enterprise();
    const saved = await saveConnectionFromMetadata(database.db, admin, metadata({ entityId: "https://idp.test.example/metadata" }));
    expect(saved).toMatchObject({ ok: true, read: { entityId: testIdpEntityId, ssoUrl: "http://127.0.0.1:9/sso", expiredCertificates: 0 } });
    expect(await connectionOf(organization.id)).toMatchObject({ idpEntityId: testIdpEntityId, idpSsoUrl: "http://127.0.0.1:9/sso", updatedBy: admin.id });
    const events = await configuredEvents(organization.id);
    expect(events.at(-1)!.data).toEqual({ idpEntityId: testIdpEntityId, idpSsoUrl: "http://127.0.0.1:9/sso", source: "metadata", certificates: 1 });
    expect((await roundTrip(organization.id, `meta@${domain}`)).validated).toMatchObject({ ok: true, email: `meta@${domain}` });
  });

  it("stores both certificates of a key rollover; a response signed by the new key is accepted", async () => {
    const { admin, organization, domain } = await enterprise();
    expect(await saveConnectionFromMetadata(database.db, admin, metadata({ certificates: [idpKeys.certificate, nextKeys.certificate] }))).toMatchObject({ ok: true });
    const connection = (await connectionOf(organization.id))!;
    expect(splitCertificates(connection.idpCertificate)).toHaveLength(2);
    const sp = serviceProviderFor("https://console.test.example", organization.id);
    const stores = databaseStores(database.db, organization.id);
    const request = await createSignInRequest(sp, identityProviderOf(connection), stores, "/en/studio");
    const response = signedResponse({ email: `rolled@${domain}`, audience: sp.entityId, recipient: sp.acsUrl, inResponseTo: request.requestId, privateKey: nextKeys.privateKey });
    expect(await validateSignInResponse(sp, identityProviderOf(connection), stores, response, request.requestId)).toMatchObject({ ok: true });
  });

  it("is refused on Team (plan), to a Member or a Billing-only person, and signed out, changing nothing", async () => {
    const team = await enterprise("team");
    expect(await saveConnectionFromMetadata(database.db, team.admin, metadata())).toEqual({ ok: false, error: "planRequired" });
    const { organization, member, billing } = await enterprise();
    const before = await connectionOf(organization.id);
    for (const actor of [await viewerOf(database.db, member.id), await viewerOf(database.db, billing.id), null]) {
      expect(await saveConnectionFromMetadata(database.db, actor, metadata({ entityId: "https://intruder.example" }))).toEqual({ ok: false, error: "forbidden" });
    }
    expect(await connectionOf(organization.id)).toEqual(before);
    expect(await connectionOf(team.organization.id)).toBeUndefined();
    expect(await configuredEvents(team.organization.id)).toHaveLength(0);
  });

  it("an Admin of another organization changes only their own organization's identity provider", async () => {
    const first = await enterprise();
    const second = await enterprise();
    const before = await connectionOf(first.organization.id);
    expect(await saveConnectionFromMetadata(database.db, second.admin, metadata({ entityId: "https://second.example/idp" }))).toMatchObject({ ok: true });
    expect(await connectionOf(first.organization.id)).toEqual(before);
    expect(await connectionOf(second.organization.id)).toMatchObject({ idpEntityId: "https://second.example/idp" });
  });

  it("a refused paste keeps the identity provider as it was and records nothing", async () => {
    const { admin, organization } = await enterprise();
    const before = await connectionOf(organization.id);
    const eventsBefore = (await configuredEvents(organization.id)).length;
    const refusals: [Record<string, unknown>, string][] = [
      [{}, "metadataRequired"],
      [{ idpMetadata: "" }, "metadataRequired"],
      [{ idpMetadata: "<not-xml" }, "metadataMalformed"],
      [{ idpMetadata: `<!DOCTYPE x [<!ENTITY e "e">]>${metadata().idpMetadata.replace(/^<\?xml[^>]*>/, "")}` }, "metadataDoctype"],
      [metadata({ certificates: [] }), "metadataMissingCertificate"],
      [metadata({ bindings: ["HTTP-Redirect"] }), "metadataRedirectOnly"],
      // Read from the metadata, then refused by the same rules as the fields typed by hand.
      [metadata({ ssoUrl: "http://idp.example/sso" }), "metadataInsecureSsoUrl"],
      [metadata({ entityId: `https://idp.example/${"x".repeat(1100)}` }), "metadataEntityIdTooLong"],
    ];
    for (const [input, code] of refusals) {
      expect(await saveConnectionFromMetadata(database.db, admin, input)).toEqual({ ok: false, error: "validation", fields: { idpMetadata: [code] } });
    }
    expect(await connectionOf(organization.id)).toEqual(before);
    expect(await configuredEvents(organization.id)).toHaveLength(eventsBefore);
  });

  it("the fields typed by hand also take several PEM certificates", async () => {
    const { admin, organization } = await enterprise();
    const saved = await saveConnection(database.db, admin, { ...idpSettings, idpCertificate: `${idpKeys.certificate}\n${nextKeys.certificate}` });
    expect(saved).toMatchObject({ ok: true });
    expect(splitCertificates((await connectionOf(organization.id))!.idpCertificate)).toHaveLength(2);
  });
});

describe("SSO sign-in", () => {
  it("a first sign-in creates the account as Member, and the ticket opens one session only", async () => {
    const { organization, domain } = await enterprise();
    const email = `new.person@${domain}`;
    expect(await ssoConnectionForEmail(database.db, email.toUpperCase())).toMatchObject({ organizationId: organization.id });
    const { validated } = await roundTrip(organization.id, email);
    expect(validated).toMatchObject({ ok: true, email });
    const completed = await completeSsoSignIn(database.db, organization.id, { email, name: "New Person" });
    if (!completed.ok) throw new Error(completed.error);
    const [user] = await database.db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ organizationId: organization.id, role: "member", billing: false, name: "New Person" });
    expect(await redeemLoginTicket(database.db, completed.ticket)).toEqual({ id: user!.id, organizationId: organization.id, locale: "en" });
    expect(await redeemLoginTicket(database.db, completed.ticket)).toBeNull();
  });

  it("a name from the identity provider with control or bidi characters is never stored raw", async () => {
    const { organization, domain } = await enterprise();
    const cases = [
      { email: `eve@${domain}`, name: "Eve\u202Eresu nimda", stored: "eve" },
      { email: `zed@${domain}`, name: "Zed\u0000\u0007", stored: "zed" },
      { email: `ana@${domain}`, name: "  Ana\n\tLopez  ", stored: "Ana Lopez" },
      { email: `long@${domain}`, name: "x".repeat(500), stored: "long" },
    ];
    for (const { email, name, stored } of cases) {
      expect(await completeSsoSignIn(database.db, organization.id, { email, name })).toMatchObject({ ok: true });
      const [user] = await database.db.select({ name: users.name }).from(users).where(eq(users.email, email));
      expect(user?.name).toBe(stored);
    }
  });

  it("an existing Member signs in without a second account", async () => {
    const { organization, domain } = await enterprise();
    const existing = await createUser(database.db, organization.id, { email: `old.hand@${domain}` });
    const completed = await completeSsoSignIn(database.db, organization.id, { email: `Old.Hand@${domain}`, name: null });
    expect(completed).toMatchObject({ ok: true, userId: existing.id });
  });

  it("refuses an email outside the organization's verified domains, or an account of another organization", async () => {
    const { organization, domain } = await enterprise();
    expect(await completeSsoSignIn(database.db, organization.id, { email: "someone@elsewhere.example", name: null })).toEqual({ ok: false, error: "outsideVerifiedDomains" });
    const other = await enterprise();
    expect(await completeSsoSignIn(database.db, other.organization.id, { email: `x@${domain}`, name: null })).toEqual({ ok: false, error: "outsideVerifiedDomains" });
    await database.db.update(users).set({ email: `taken@${domain}` }).where(eq(users.id, other.member.id));
    expect(await completeSsoSignIn(database.db, organization.id, { email: `taken@${domain}`, name: null })).toEqual({ ok: false, error: "otherOrganization" });
  });

  it("a response posted twice is refused the second time (request consumed, assertion known)", async () => {
    const { organization, domain } = await enterprise();
    const { sp, connection, stores, response, requestId, validated } = await roundTrip(organization.id, `twice@${domain}`);
    expect(validated).toMatchObject({ ok: true });
    expect(await validateSignInResponse(sp, identityProviderOf(connection), stores, response, requestId)).toMatchObject({ ok: false });
  });

  it("an expired ticket opens nothing", async () => {
    const { organization, domain } = await enterprise();
    const completed = await completeSsoSignIn(database.db, organization.id, { email: `late@${domain}`, name: null });
    if (!completed.ok) throw new Error(completed.error);
    await database.db.update(loginTickets).set({ expiresAt: new Date(Date.now() - 1000) });
    expect(await redeemLoginTicket(database.db, completed.ticket)).toBeNull();
    expect(await redeemLoginTicket(database.db, "forged-ticket-forged-ticket-forged")).toBeNull();
    expect(await redeemLoginTicket(database.db, { ticket: 1 })).toBeNull();
  });

  it("below Enterprise no email is sent to SSO", async () => {
    const { organization, domain } = await enterprise();
    await database.db.update(organizationDomains).set({ ssoRequired: true }).where(eq(organizationDomains.domain, domain));
    expect(await ssoConnectionForEmail(database.db, `a@${domain}`)).toMatchObject({ ssoRequired: true });
    await database.db.update(organizations).set({ plan: "team" }).where(eq(organizations.id, organization.id));
    expect(await ssoConnectionForEmail(database.db, `a@${domain}`)).toBeNull();
    expect(await completeSsoSignIn(database.db, organization.id, { email: `a@${domain}`, name: null })).toEqual({ ok: false, error: "outsideVerifiedDomains" });
  });

  it("mandatory SSO refuses password sign-in to Members of the domain, Admins keep theirs", async () => {
    const { organization, domain, admin, member } = await enterprise();
    const [row] = await database.db.select().from(organizationDomains).where(eq(organizationDomains.domain, domain));
    await database.db.update(users).set({ email: `admin@${domain}` }).where(eq(users.id, admin.id));
    await database.db.update(users).set({ email: `member@${domain}` }).where(eq(users.id, member.id));
    const memberViewer = await viewerOf(database.db, member.id);
    expect(await setSsoRequired(database.db, memberViewer, { domainId: row!.id, ssoRequired: "on" })).toEqual({ ok: false, error: "forbidden" });
    const adminViewer = await viewerOf(database.db, admin.id);
    expect(await setSsoRequired(database.db, adminViewer, { domainId: row!.id, ssoRequired: "on" })).toEqual({ ok: true, ssoRequired: true });
    expect(await authenticate(database.db, { email: `member@${domain}`, password: testPassword })).toEqual({ ok: false, error: "invalid" });
    expect(await authenticate(database.db, { email: `admin@${domain}`, password: testPassword })).toMatchObject({ ok: true, user: { organizationId: organization.id } });
    expect(await setSsoRequired(database.db, adminViewer, { domainId: row!.id, ssoRequired: "off" })).toEqual({ ok: true, ssoRequired: false });
    expect(await authenticate(database.db, { email: `member@${domain}`, password: testPassword })).toMatchObject({ ok: true });
  });
});
