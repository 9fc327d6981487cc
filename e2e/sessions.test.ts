import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { assertAccessible, baseUrl, launchBrowser, newPage, signUpOrganization } from "./support";
import { acceptInBrowser, choosePlan, invite } from "./support-members";
import { mailCount, waitForMail } from "./support-mail";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const words = {
  en: { signOut: "Sign out", changePassword: "Change password", signOutEverywhere: (name: string) => `Sign ${name} out everywhere` },
  fr: { signOut: "Se déconnecter", changePassword: "Changer le mot de passe", signOutEverywhere: (name: string) => `Déconnecter ${name} partout` },
} as const;

/** A second browser (another user agent, JavaScript on) signed in with the same account. */
async function otherBrowser(email: string, password: string, locale: "fr" | "en") {
  const context = await browser.newContext({ baseURL: baseUrl, userAgent: firefox, locale: locale === "fr" ? "fr-FR" : "en-US" });
  const page = await context.newPage();
  await page.goto(`/${locale}/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith("/sign-in")), page.click("form button[type=submit]")]);
  return { context, page };
}

async function assertOnSignIn(page: Page, locale: "fr" | "en", path: string) {
  await page.goto(`/${locale}${path}`);
  assert.equal(new URL(page.url()).pathname, `/${locale}/sign-in`);
}

const runs = [
  { js: false, locale: "fr" },
  { js: true, locale: "en" },
  { js: true, locale: "fr" },
  { js: false, locale: "en" },
] as const;

describe("sessions you can see and end", () => {
  for (const { js, locale } of runs.slice(0, 2)) {
    it(`a cookie replayed after sign-out lands on sign-in (${locale}, JavaScript ${js ? "on" : "off"})`, async () => {
      const { context, page } = await newPage(browser, { js });
      await signUpOrganization(page, { locale });
      const saved = await context.storageState();
      await Promise.all([page.waitForURL(/\/sign-in/), page.getByRole("button", { name: words[locale].signOut, exact: true }).click()]);

      // Another browser holding a copy of the cookie taken before the sign-out.
      const replay = await browser.newContext({ baseURL: baseUrl, storageState: saved, javaScriptEnabled: js });
      const replayed = await replay.newPage();
      await assertOnSignIn(replayed, locale, "/admin/profile");
      await assertAccessible(replayed);
      await replay.close();
      await context.close();
    });
  }

  for (const { js, locale } of runs.slice(2)) {
    it(`the sessions list shows both browsers and marks this one; a password change signs the other out and keeps this one (${locale}, JavaScript ${js ? "on" : "off"})`, async () => {
      const { context, page } = await newPage(browser, { js });
      const owner = await signUpOrganization(page, { locale });
      const other = await otherBrowser(owner.email, owner.password, locale);

      await page.goto(`/${locale}/admin/profile`);
      const listed = page.locator("#sessions-title + div [data-testid=session]");
      assert.equal(await listed.count(), 2);
      assert.equal(await listed.first().getAttribute("data-current"), "true");
      assert.match((await listed.nth(1).textContent()) ?? "", /Firefox 128 · Windows/);
      assert.equal(await page.locator("[data-testid=session][data-current=true] form").count(), 0);
      await assertAccessible(page);

      const mails = mailCount(owner.email);
      await page.fill("#currentPassword", owner.password);
      await page.fill("#newPassword", "a-changed-e2e-password");
      await page.fill("#confirmPassword", "a-changed-e2e-password");
      await page.getByRole("button", { name: words[locale].changePassword }).click();
      await page.locator("form:has(#currentPassword) [role=status]").waitFor();
      assert.match((await waitForMail(owner.email, { previous: mails })).subject, locale === "fr" ? /mot de passe/ : /password was changed/);

      // The other browser is out at its next request; this one stays in.
      await assertOnSignIn(other.page, locale, "/admin");
      assert.equal(await other.page.locator("[data-testid=session-ended]").count(), 1);
      await page.goto(`/${locale}/admin/profile`);
      assert.equal(new URL(page.url()).pathname, `/${locale}/admin/profile`);
      assert.equal(await page.locator("[data-testid=session]").count(), 1);
      await other.context.close();
      await context.close();
    });
  }

  for (const { js, locale } of runs.slice(0, 2)) {
    it(`an Admin signing a member out everywhere takes effect on the member's next request (${locale}, JavaScript ${js ? "on" : "off"})`, async () => {
      const admin = await newPage(browser, { js });
      await signUpOrganization(admin.page, { locale });
      await choosePlan(admin.page, "team", locale);
      const { email, link } = await invite(admin.page, { locale });
      const member = await acceptInBrowser(browser, link, { name: "Mina Sessions" });
      await member.page.goto(`/${locale}/chat`);
      assert.equal(new URL(member.page.url()).pathname, `/${locale}/chat`);

      const mails = mailCount(email);
      await admin.page.goto(`/${locale}/admin/members`);
      await Promise.all([
        admin.page.waitForURL(/notice=signedOutEverywhere/),
        admin.page.getByRole("button", { name: words[locale].signOutEverywhere("Mina Sessions") }).click(),
      ]);
      await assertAccessible(admin.page);
      await waitForMail(email, { previous: mails });

      await assertOnSignIn(member.page, locale, "/chat");
      assert.equal(await member.page.locator("[data-testid=session-ended]").count(), 1);
      await member.context.close();
      await admin.context.close();
    });
  }
});
