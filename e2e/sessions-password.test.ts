import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { assertAccessible, launchBrowser, newPage, signUpOrganization } from "./support";
import { mailCount, waitForMail } from "./support-mail";
import { assertOnSignIn, otherBrowser, runs, words } from "./support-sessions";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

describe("sessions you can see and end", { concurrency: true }, () => {
  for (const { js, locale } of runs.slice(2)) {
    it(`the sessions list shows both browsers and marks this one; a password change signs the other out and keeps this one (${locale}, JavaScript ${js ? "on" : "off"})`, async () => {
      const { context, page } = await newPage(browser, { js });
      const owner = await signUpOrganization(page, { locale });
      const other = await otherBrowser(browser, owner.email, owner.password, locale);

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
});
