import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { assertAccessible, errorSummaryText, launchBrowser, newPage, signUpOrganization } from "./support";
import { acceptInBrowser, choosePlan, invite } from "./support-members";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

describe("leaving, and a session that outlives its account", () => {
  for (const js of [false, true]) {
    it(`a Member leaves from their profile; a second session of theirs lands on the signed-out page (JavaScript ${js ? "on" : "off"})`, async () => {
      const owner = await newPage(browser);
      await signUpOrganization(owner.page);
      await choosePlan(owner.page, "team");
      const { email, link } = await invite(owner.page);
      const member = await acceptInBrowser(browser, link, { js });

      // A second browser of the same person, signed in too.
      const other = await newPage(browser);
      await other.page.goto("/en/sign-in");
      await other.page.fill("#email", email);
      await other.page.fill("#password", member.password);
      await Promise.all([other.page.waitForURL(/studio/), other.page.click("form button[type=submit]")]);

      const { page } = member;
      await page.goto("/en/admin/profile");
      await assertAccessible(page);
      await page.fill("#confirmation", "not-me@example.test");
      await page.fill("#password", member.password);
      if (js) {
        assert.equal(await page.getByRole("button", { name: "Leave and delete my account" }).isDisabled(), true);
        await page.fill("#confirmation", email);
        await page.fill("#password", "wrong-password");
      }
      await page.getByRole("button", { name: "Leave and delete my account" }).click();
      assert.match(await errorSummaryText(page), js ? /not your current password/ : /Type your own email address/);
      await page.waitForLoadState("networkidle");

      await page.fill("#confirmation", email);
      await page.fill("#password", member.password);
      await Promise.all([page.waitForURL(/\/en\/signed-out\?reason=left/), page.getByRole("button", { name: "Leave and delete my account" }).click()]);
      assert.match((await page.locator("main").textContent()) ?? "", /You have left the organization/);

      // Leaving ended the other session too: its next request says why.
      await other.page.goto("/en/chat");
      assert.match(other.page.url(), /\/en\/signed-out\?reason=left/);
      assert.match((await other.page.locator("main").textContent()) ?? "", /You have left the organization/);
      await other.page.goto("/en/studio");
      assert.match(other.page.url(), /\/en\/sign-in/);

      for (const context of [owner.context, member.context, other.context]) await context.close();
    });
  }

  it("the only Admin is told to name another Admin first, in French", async () => {
    const { context, page } = await newPage(browser, { js: false });
    await signUpOrganization(page, { locale: "fr" });
    await page.goto("/fr/admin/profile");
    assert.match((await page.locator("main").textContent()) ?? "", /Vous êtes le seul Admin/);
    assert.equal(await page.locator("#confirmation").count(), 0);
    await context.close();
  });
});
