import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { identityProviderMetadata, startTestIdp, testIdpEntityId, throwawayCertificate } from "../tests/support/saml-idp";
import { assertAccessible, baseUrl, errorSummaryText, newPage, signIn } from "./support";
import { needsDns, organizationWithVerifiedDomain, requestToJoin, setJoinMode, startBrowserAndDns } from "./support-domains";

// Joining by email domain (Team) and SSO (Enterprise); the verification flow itself is in authentication.test.ts.
const setup = startBrowserAndDns();

describe("joining by email domain", () => {
  it("approval mode on Team: sign-up waits for an Admin, who approves; then the person signs in", needsDns, async () => {
    const admin = await newPage(setup.browser());
    const { domain } = await organizationWithVerifiedDomain(admin.page, "team", setup.dns()!);
    await setJoinMode(admin.page, domain, "approval");
    const newcomer = await requestToJoin(setup.browser(), `nora@${domain}`, "Nora Newcomer");

    await admin.page.reload();
    const request = admin.page.locator("[data-testid=join-requests] li", { hasText: `nora@${domain}` });
    await request.locator("button", { hasText: "Approve" }).click();
    // The request leaves the list once decided.
    await admin.page.locator("text=No request is waiting.").waitFor();

    await signIn(newcomer.page, `nora@${domain}`, { password: newcomer.password });
    assert.match(newcomer.page.url(), /\/en\/studio/);
    await Promise.all([admin.context.close(), newcomer.context.close()]);
  });
});

describe("single sign-on", () => {
  it("an Enterprise Admin sets up the IdP; a new person signs in through it without JavaScript, a replay is refused", needsDns, async () => {
    const keys = throwawayCertificate();
    const idp = await startTestIdp({ privateKey: keys.privateKey });
    try {
      const admin = await newPage(setup.browser());
      const { domain } = await organizationWithVerifiedDomain(admin.page, "enterprise", setup.dns()!);
      assert.match((await admin.page.getByTestId("sp-acs-url").textContent()) ?? "", /\/api\/saml\/[0-9a-f-]{36}\/acs$/);
      await admin.page.fill("#idpEntityId", "https://idp.test.example/metadata");
      await admin.page.fill("#idpSsoUrl", idp.ssoUrl);
      await admin.page.fill("#idpCertificate", keys.certificate);
      await admin.page.click("#sso-title ~ div form:has(#idpEntityId) button[type=submit]");
      await admin.page.locator("text=Identity provider saved.").waitFor();
      await assertAccessible(admin.page);
      const metadata = await admin.page.request.get((await admin.page.locator("a[download]").getAttribute("href"))!);
      assert.match(await metadata.text(), /AssertionConsumerService/);

      idp.state.email = `sam@${domain}`;
      const person = await newPage(setup.browser(), { js: false });
      await person.page.goto("/en/sign-in");
      await person.page.click("text=Sign in with single sign-on (SSO)");
      await person.page.fill("#email", `sam@${domain}`);
      await Promise.all([person.page.waitForURL(/\/api\/saml\/[0-9a-f-]{36}\/start/), person.page.click("form button[type=submit]")]);
      await person.page.locator("button", { hasText: "Continue" }).click();
      await person.page.locator("text=Test identity provider").waitFor();
      await Promise.all([person.page.waitForURL(/\/en\/studio/), person.page.click("button")]);

      // The same response posted again finds its request consumed: refused, with a localized page.
      const replay = await person.page.request.post(idp.state.acsUrl, { form: { SAMLResponse: idp.state.lastResponse, RelayState: "/fr/studio" }, maxRedirects: 0 });
      assert.equal(replay.status(), 303);
      assert.match(replay.headers().location ?? "", /\/fr\/sso\/error\?reason=unknownRequest/);
      const errorPage = await newPage(setup.browser());
      await errorPage.page.goto(new URL(replay.headers().location!, baseUrl).toString());
      assert.match((await errorPage.page.locator("[role=alert][data-reason]").textContent()) ?? "", /ne correspond à aucune connexion/);
      await assertAccessible(errorPage.page);
      await Promise.all([admin.context.close(), person.context.close(), errorPage.context.close()]);
    } finally {
      await idp.close();
    }
  });
});


describe("single sign-on refusals", () => {
  it("an existing person signs in again to the same account; bad answers land on a localized page with no session", needsDns, async () => {
    const keys = throwawayCertificate();
    const other = throwawayCertificate("someone-else.example");
    const idp = await startTestIdp({ privateKey: keys.privateKey, certificate: keys.certificate });
    try {
      const admin = await newPage(setup.browser());
      const { domain } = await organizationWithVerifiedDomain(admin.page, "enterprise", setup.dns()!);
      await admin.page.fill("#idpMetadata", idp.metadata);
      await admin.page.click("form:has(#idpMetadata) button[type=submit]");
      await admin.page.getByTestId("sso-current-entity-id").waitFor();

      // First sign-in creates the account; the second finds it: one member, not two.
      await signInThroughSso(idp, `rita@${domain}`, { js: true, locale: "en" });
      await signInThroughSso(idp, `rita@${domain}`, { js: false, locale: "fr" });
      await admin.page.goto("/en/admin/members");
      assert.equal(await admin.page.locator("main").getByText(`rita@${domain}`, { exact: true }).count(), 1);

      const cases = [
        { name: "a tampered signature", next: { tamperEmail: `mallory@${domain}` }, reason: "invalidSignature", fr: /n’est pas signée par le certificat/ },
        { name: "another key", next: { privateKey: other.privateKey }, reason: "invalidSignature", fr: /n’est pas signée par le certificat/ },
        { name: "a wrong audience", next: { audience: "https://another-service.example/sp" }, reason: "wrongAudience", fr: /destinée à un autre service/ },
        { name: "an expired window", next: { offsetMs: -60 * 60 * 1000 }, reason: "expired", fr: /trop ancienne|pas encore valable/ },
        { name: "an unknown InResponseTo", next: { inResponseTo: "_never-asked-for" }, reason: "unknownRequest", fr: /ne correspond à aucune connexion/ },
        { name: "an email outside the verified domains", next: { email: "rita@elsewhere.example" }, reason: "outsideVerifiedDomains", fr: /n’appartient à aucun domaine/ },
      ] as const;
      for (const { name, next, reason, fr } of cases) {
        idp.state.email = `rita@${domain}`;
        idp.state.nextResponse = next;
        const person = await newPage(setup.browser(), { js: false });
        await person.page.goto("/fr/sso");
        await person.page.fill("#email", `rita@${domain}`);
        await person.page.click("form button[type=submit]");
        await person.page.locator("button", { hasText: "Continuer" }).click();
        await person.page.locator("text=Test identity provider").waitFor();
        await Promise.all([person.page.waitForURL(/\/fr\/sso\/error/), person.page.click("button")]);
        const alert = person.page.locator("[role=alert][data-reason]");
        assert.equal(await alert.getAttribute("data-reason"), reason, name);
        assert.match((await alert.textContent()) ?? "", fr, name);
        assert.equal((await person.context.cookies()).some((cookie) => cookie.name.endsWith("authjs.session-token")), false, `${name}: no session`);
        const studio = await person.page.goto("/fr/studio");
        assert.match(person.page.url(), /\/fr\/sign-in/, `${name}: still signed out (${studio?.status()})`);
        await person.context.close();
      }
      await admin.context.close();
    } finally {
      await idp.close();
    }
  });
});

/** A new person of the domain signs in through the test IdP, from the sign-in page to the Studio. */
async function signInThroughSso(idp: Awaited<ReturnType<typeof startTestIdp>>, email: string, options: { js: boolean; locale: "fr" | "en" }) {
  idp.state.email = email;
  const person = await newPage(setup.browser(), { js: options.js });
  await person.page.goto(`/${options.locale}/sso`);
  await person.page.fill("#email", email);
  await person.page.click("form button[type=submit]");
  if (!options.js) await person.page.locator("button", { hasText: options.locale === "fr" ? "Continuer" : "Continue" }).click();
  await person.page.locator("text=Test identity provider").waitFor();
  await Promise.all([person.page.waitForURL(new RegExp(`/${options.locale}/studio`)), person.page.click("button")]);
  await person.context.close();
}

describe("single sign-on from the identity provider's pasted metadata", () => {
  it("in French with JavaScript: our own metadata is refused on the field, the IdP's is read and saved, a person signs in", needsDns, async () => {
    const keys = throwawayCertificate();
    const idp = await startTestIdp({ privateKey: keys.privateKey, certificate: keys.certificate });
    try {
      const admin = await newPage(setup.browser());
      const { domain } = await organizationWithVerifiedDomain(admin.page, "enterprise", setup.dns()!);
      await admin.page.goto("/fr/admin/authentication");
      const form = admin.page.locator("form:has(#idpMetadata)");

      // A common mistake: pasting the console's own (service provider) metadata.
      const ours = await (await admin.page.request.get((await admin.page.locator("a[download]").getAttribute("href"))!)).text();
      await admin.page.fill("#idpMetadata", ours);
      await form.locator("button[type=submit]").click();
      assert.match(await errorSummaryText(admin.page), /métadonnées d’un fournisseur de services/);
      assert.equal(await admin.page.getAttribute("#idpMetadata", "aria-invalid"), "true");
      assert.match((await admin.page.locator("#idpMetadata-error").textContent()) ?? "", /pas d’un fournisseur d’identité/);
      assert.equal(await admin.page.inputValue("#idpMetadata"), ours);
      await assertAccessible(admin.page);

      await admin.page.fill("#idpMetadata", idp.metadata);
      await form.locator("button", { hasText: "Lire les métadonnées et enregistrer" }).click();
      const status = form.locator("[role=status]", { hasText: "Métadonnées lues et fournisseur d’identité enregistré." });
      await status.waitFor();
      assert.match((await status.textContent()) ?? "", new RegExp(`Identifiant d’entité\u00a0: ${testIdpEntityId}.*URL de connexion \\(HTTP-POST\\)\u00a0: ${idp.ssoUrl}.*1 certificat de signature conservé`));
      await admin.page.getByTestId("sso-current-sso-url").filter({ hasText: idp.ssoUrl }).waitFor();
      assert.equal(await admin.page.getByTestId("sso-current-entity-id").textContent(), testIdpEntityId);
      assert.match((await admin.page.getByTestId("sso-current-certificate").textContent()) ?? "", /CN=test-idp\.example.*Empreinte SHA-256.*Expire le/);
      await assertAccessible(admin.page);

      await signInThroughSso(idp, `camille@${domain}`, { js: true, locale: "fr" });
      await admin.context.close();
    } finally {
      await idp.close();
    }
  });

  it("in English without JavaScript: a DOCTYPE is refused with the paste kept, then metadata with a key rollover is saved, a person signs in", needsDns, async () => {
    const keys = throwawayCertificate();
    const previous = throwawayCertificate("previous-idp.example");
    const idp = await startTestIdp({ privateKey: keys.privateKey, certificate: keys.certificate });
    try {
      const setupPage = await newPage(setup.browser());
      const { owner, domain } = await organizationWithVerifiedDomain(setupPage.page, "enterprise", setup.dns()!);
      await setupPage.context.close();
      const admin = await newPage(setup.browser(), { js: false });
      await signIn(admin.page, owner.email, { password: owner.password, callbackUrl: "/en/admin/authentication" });
      await admin.page.goto("/en/admin/authentication");
      const form = admin.page.locator("form:has(#idpMetadata)");

      const metadata = identityProviderMetadata({ ssoUrl: idp.ssoUrl, certificates: [previous.certificate, keys.certificate] });
      const withDoctype = metadata.replace("<md:EntityDescriptor", '<!DOCTYPE md:EntityDescriptor [<!ENTITY name "x">]>\n<md:EntityDescriptor');
      await admin.page.fill("#idpMetadata", withDoctype);
      await form.locator("button[type=submit]").click();
      assert.match(await errorSummaryText(admin.page), /DOCTYPE or ENTITY declaration/);
      assert.equal(await admin.page.getAttribute("#idpMetadata", "aria-describedby"), "idpMetadata-hint idpMetadata-error");
      assert.equal((await admin.page.inputValue("#idpMetadata")).trim(), withDoctype.trim());
      await assertAccessible(admin.page);

      await admin.page.fill("#idpMetadata", metadata);
      await form.locator("button", { hasText: "Read the metadata and save" }).click();
      const status = form.locator("[role=status]");
      assert.match((await status.textContent()) ?? "", /Metadata read and identity provider saved\..*2 signing certificates kept \(key rollover\)/);
      assert.equal(await admin.page.getByTestId("sso-current-certificate").count(), 2);
      assert.equal(await admin.page.getByTestId("sso-current-sso-url").textContent(), idp.ssoUrl);
      assert.equal(await admin.page.inputValue("#idpSsoUrl"), idp.ssoUrl);
      await assertAccessible(admin.page);

      await signInThroughSso(idp, `robin@${domain}`, { js: false, locale: "en" });
      await admin.context.close();
    } finally {
      await idp.close();
    }
  });
});
