import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { assertAccessible, baseUrl, launchBrowser, newPage, signUpOrganization } from "./support";
import { words } from "./support-sessions";

// WebAuthn refuses IP addresses: run with E2E_APP_HOST=localhost (e2e/run.mjs serves APP_URL under that name).
const skip = /^[\d.]+$|^\[/.test(new URL(baseUrl).hostname) ? "passkeys need a host name: run with E2E_APP_HOST=localhost" : false;

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const texts = {
  en: { add: "Add a passkey", use: "Sign in with a passkey", needsJs: "Passkeys need JavaScript" },
  fr: { add: "Ajouter une clé d’accès", use: "Se connecter avec une clé d’accès", needsJs: "Les clés d’accès nécessitent JavaScript" },
} as const;

async function passwordStep(page: Page, locale: "fr" | "en", email: string, password: string) {
  await page.goto(`/${locale}/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await Promise.all([page.waitForURL(/\/sign-in\/second-step$/), page.click("form button[type=submit]")]);
}

describe("passkeys as the second step", { concurrency: true, skip }, () => {
  for (const locale of ["en", "fr"] as const) {
    it(`enrol a passkey with Chromium's virtual authenticator and sign in with it (${locale}, JavaScript on; off says it needs JavaScript)`, async () => {
      const { context, page } = await newPage(browser, { js: true });
      const cdp = await context.newCDPSession(page);
      await cdp.send("WebAuthn.enable", { enableUI: false });
      await cdp.send("WebAuthn.addVirtualAuthenticator", {
        options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });
      const owner = await signUpOrganization(page, { locale });
      await page.goto(`/${locale}/admin/profile/two-step`);
      await page.fill("#passkeyName", "E2E key");
      await page.getByRole("button", { name: texts[locale].add }).click();
      await page.locator("[data-testid=recovery-codes] li").first().waitFor();
      assert.equal(await page.locator("[data-testid=recovery-codes] li").count(), 10);
      await page.locator("[data-testid=passkeys]", { hasText: "E2E key" }).waitFor();
      await assertAccessible(page);

      await page.goto(`/${locale}/admin/profile`);
      await Promise.all([page.waitForURL(/\/sign-in/), page.getByRole("button", { name: words[locale].signOut }).click()]);
      await passwordStep(page, locale, owner.email, owner.password);
      await assertAccessible(page);
      await Promise.all([page.waitForURL((url) => !url.pathname.includes("/sign-in")), page.getByRole("button", { name: texts[locale].use }).click()]);
      await page.goto(`/${locale}/admin/profile/two-step`);
      assert.equal(new URL(page.url()).pathname, `/${locale}/admin/profile/two-step`);

      // Without JavaScript the second page says passkeys need it, and the other ways stay.
      const plain = await newPage(browser, { js: false });
      await passwordStep(plain.page, locale, owner.email, owner.password);
      assert.match((await plain.page.locator("main").textContent()) ?? "", new RegExp(texts[locale].needsJs));
      assert.equal(await plain.page.locator("#recoveryCode").count(), 1);
      await plain.context.close();
      await context.close();
    });
  }
});
