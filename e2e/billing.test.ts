import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { assertAccessible, launchBrowser, newPage, signIn, signUpOrganization } from "./support";
import { acceptInBrowser, choosePlan, invite } from "./support-members";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

describe("plans and billing", () => {
  for (const [js, locale] of [[true, "fr"], [false, "en"]] as const) {
    it(`a Billing user downgrades after being told which pending invitations go (JavaScript ${js ? "on" : "off"}, ${locale})`, async () => {
      const { context, page } = await newPage(browser, { js });
      await signUpOrganization(page, { locale });
      await choosePlan(page, "team", locale);
      const billing = await invite(page, { locale, billing: true });
      await invite(page, { locale });
      const person = await acceptInBrowser(browser, billing.link, { js, name: "Bill Ing" });
      await person.context.close();

      const { context: billingContext, page: billingPage } = await newPage(browser, { js });
      await signIn(billingPage, billing.email, { password: person.password, locale });
      assert.equal((await billingPage.goto(`/${locale}/admin/members`))?.status(), 403);
      await billingPage.goto(`/${locale}/admin/billing`);
      await assertAccessible(billingPage);
      assert.equal(await billingPage.locator("[data-testid=plan-comparison] tbody tr").count(), 12);
      await billingPage.check("input[name=plan][value=pro]");
      await Promise.all([billingPage.waitForURL(/plan=pro/), billingPage.click("form:has(input[name=plan]) button[type=submit]")]);
      const preview = (await billingPage.getByTestId("plan-change-preview").textContent()) ?? "";
      assert.match(preview, locale === "fr" ? /1 invitation en attente sera révoquée/ : /1 pending invitation will be revoked/);
      await assertAccessible(billingPage);
      await Promise.all([billingPage.waitForURL(/changed=pro/), billingPage.click("[data-testid=plan-change-preview] button[type=submit]")]);
      assert.match((await billingPage.getByTestId("current-plan").textContent()) ?? "", /Pro/);
      assert.match((await billingPage.locator("[role=status]").first().textContent()) ?? "", locale === "fr" ? /1 invitation en attente a été révoquée/ : /1 pending invitation was revoked/);
      await billingContext.close();

      // The Admin now sees the plan gate instead of the invite form, and no pending invitation.
      await page.goto(`/${locale}/admin/members`);
      await page.getByTestId("invitation-plan-gate").waitFor();
      assert.equal(await page.locator("[data-testid=pending-invitations]").count(), 0);
      await context.close();
    });
  }

  it("an Admin without the Billing role cannot open the billing page", async () => {
    const { context, page } = await newPage(browser);
    await signUpOrganization(page);
    await choosePlan(page, "team");
    const admin = await invite(page, { role: "admin" });
    const person = await acceptInBrowser(browser, admin.link);
    const response = await person.page.goto("/en/admin/billing");
    assert.equal(response?.status(), 403);
    await person.context.close();
    await context.close();
  });
});
