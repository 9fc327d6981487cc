import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startTestIdp, throwawayCertificate } from "../tests/support/saml-idp";
import { baseUrl, newPage } from "./support";
import { needsDns, organizationWithVerifiedDomain, startBrowserAndDns } from "./support-domains";

// SSO against forged links: a RelayState pointing elsewhere (hole 4), a response started in another browser (hole 5).
const setup = startBrowserAndDns();

describe("single sign-on against forged links", () => {
  it("a RelayState pointing elsewhere lands on the Studio; a response started in another browser is refused", needsDns, async () => {
    const keys = throwawayCertificate();
    const idp = await startTestIdp({ privateKey: keys.privateKey, certificate: keys.certificate });
    try {
      const admin = await newPage(setup.browser());
      const { domain } = await organizationWithVerifiedDomain(admin.page, "enterprise", setup.dns()!);
      await admin.page.fill("#idpMetadata", idp.metadata);
      await admin.page.click("form:has(#idpMetadata) button[type=submit]");
      await admin.page.getByTestId("sso-current-entity-id").waitFor();
      idp.state.email = `olga@${domain}`;

      const person = await newPage(setup.browser(), { js: false });
      await person.page.goto("/en/sso");
      await person.page.fill("#email", `olga@${domain}`);
      await Promise.all([person.page.waitForURL(/\/api\/saml\/[0-9a-f-]{36}\/start/), person.page.click("form button[type=submit]")]);
      const start = new URL(person.page.url());

      // A start link whose return path hides another origin behind a tab.
      start.searchParams.set("callbackUrl", "/\t/evil.example/x");
      await person.page.goto(start.toString());
      await person.page.locator("button", { hasText: "Continue" }).click();
      await person.page.locator("text=Test identity provider").waitFor();
      await Promise.all([person.page.waitForURL(/\/en\/studio/), person.page.click("button")]);
      assert.equal(new URL(person.page.url()).origin, new URL(baseUrl).origin);

      // The identity provider sends back a RelayState of its own choosing.
      for (const relayState of ["//evil.example/x", "/\t/evil.example/x", "https://evil.example/en/studio"]) {
        const again = await newPage(setup.browser(), { js: false });
        idp.state.nextRelayState = relayState;
        await again.page.goto(start.toString());
        await again.page.locator("button", { hasText: "Continue" }).click();
        await again.page.locator("text=Test identity provider").waitFor();
        await Promise.all([again.page.waitForURL(/\/en\/studio/), again.page.click("button")]);
        assert.equal(new URL(again.page.url()).origin, new URL(baseUrl).origin, relayState);
        await again.context.close();
      }

      // Login CSRF: a response obtained in one browser, posted from another, signs nobody in there.
      const starter = await newPage(setup.browser(), { js: false });
      await starter.page.goto(start.toString());
      await starter.page.locator("button", { hasText: "Continue" }).click();
      await starter.page.locator("text=Test identity provider").waitFor();
      const victim = await newPage(setup.browser());
      const forged = await victim.page.request.post(idp.state.acsUrl, { form: { SAMLResponse: idp.state.lastResponse, RelayState: "/en/studio" }, maxRedirects: 0 });
      assert.equal(forged.status(), 303);
      assert.match(forged.headers().location ?? "", /\/en\/sso\/error\?reason=unknownRequest/);
      assert.equal((await victim.context.cookies()).some((cookie) => cookie.name.endsWith("authjs.session-token")), false);
      // The browser that started the sign-in still completes it.
      await Promise.all([starter.page.waitForURL(/\/en\/studio/), starter.page.click("button")]);
      await Promise.all([admin.context.close(), person.context.close(), starter.context.close(), victim.context.close()]);
    } finally {
      await idp.close();
    }
  });
});
