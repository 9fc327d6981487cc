import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { startTestIdp, throwawayCertificate } from "../tests/support/saml-idp";
import { assertAccessible, baseUrl, newPage, signIn, signUpOrganization } from "./support";
import { addDomain, domainItem, needsDns, uniqueDomain, startBrowserAndDns } from "./support-domains";
import { waitForMail } from "./support-mail";
import { choosePlan } from "./support-members";

// Joining by email domain (Team) and SSO (Enterprise); the verification flow itself is in authentication.test.ts.
const setup = startBrowserAndDns();

/** A new organization on the plan, with a domain verified through the loopback DNS server. */
async function organizationWithVerifiedDomain(page: Page, plan: "team" | "enterprise") {
  const owner = await signUpOrganization(page);
  await choosePlan(page, plan);
  await page.goto("/en/admin/authentication");
  const domain = uniqueDomain();
  await addDomain(page, domain);
  const item = domainItem(page, domain);
  setup.dns()!.setTxt((await item.getByTestId("record-name").textContent())!, [(await item.getByTestId("record-value").textContent())!]);
  await item.locator("button", { hasText: "Verify" }).click();
  await domainItem(page, domain).locator("text=Verified: the TXT record").waitFor();
  await page.waitForLoadState("networkidle");
  return { owner, domain };
}

describe("joining by email domain", () => {
  it("approval mode on Team: sign-up waits for an Admin, who approves; then the person signs in", needsDns, async () => {
    const admin = await newPage(setup.browser());
    const { domain } = await organizationWithVerifiedDomain(admin.page, "team");
    await domainItem(admin.page, domain).locator("select[name=joinMode]").selectOption("approval");
    await domainItem(admin.page, domain).locator("button", { hasText: "Save who may join" }).click();
    await domainItem(admin.page, domain).locator("text=Saved.").waitFor();

    const newcomer = await newPage(setup.browser(), { js: false });
    await newcomer.page.goto("/en/sign-up");
    await newcomer.page.fill("#organizationName", "Ignored");
    await newcomer.page.fill("#name", "Nora Newcomer");
    await newcomer.page.fill("#email", `nora@${domain}`);
    await newcomer.page.fill("#password", "a-long-e2e-password");
    await newcomer.page.click("form button[type=submit]");
    // Nothing is filed until the person opens the link emailed to that address.
    await newcomer.page.locator("[data-testid=check-inbox]", { hasText: "Check your inbox" }).waitFor();
    const mail = await waitForMail(`nora@${domain}`);
    await newcomer.page.goto(mail.path);
    await Promise.all([newcomer.page.waitForURL(/\/en\/join-requested$/), newcomer.page.click("form button[type=submit]")]);

    await admin.page.reload();
    const request = admin.page.locator("#join-requests-title ~ ul li", { hasText: `nora@${domain}` });
    await request.locator("button", { hasText: "Approve" }).click();
    // The request leaves the list once decided.
    await admin.page.locator("text=No request is waiting.").waitFor();

    await signIn(newcomer.page, `nora@${domain}`, { password: "a-long-e2e-password" });
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
      const { domain } = await organizationWithVerifiedDomain(admin.page, "enterprise");
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

