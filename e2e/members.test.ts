import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { assertAccessible, errorSummaryText, launchBrowser, newPage, signIn, signUpOrganization } from "./support";
import { acceptInBrowser, choosePlan, invite, memberRow } from "./support-members";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

describe("invitations", () => {
  for (const [js, locale] of [[true, "en"], [false, "fr"]] as const) {
    it(`on Team an Admin invites someone, who joins from the link in another browser and signs in later (JavaScript ${js ? "on" : "off"}, ${locale})`, async () => {
      const { context, page } = await newPage(browser, { js });
      await signUpOrganization(page, { locale });
      await choosePlan(page, "team", locale);
      await page.goto(`/${locale}/admin/members`);
      await assertAccessible(page);
      const { email, link } = await invite(page, { locale, billing: true });
      assert.match(await page.locator("[data-testid=pending-invitations]").textContent() ?? "", new RegExp(email));

      const invitee = await acceptInBrowser(browser, link, { js, name: "Grace Invited" });
      await invitee.context.close();

      // The link works once: opening it again says so.
      const { context: again, page: againPage } = await newPage(browser, { js });
      await againPage.goto(link);
      await againPage.locator("[data-testid=invitation-used]").waitFor();
      await signIn(againPage, email, { password: invitee.password, locale });
      assert.match(againPage.url(), new RegExp(`/${locale}/studio$`));
      await again.close();

      await page.goto(`/${locale}/admin/members`);
      assert.match(await memberRow(page, email).textContent() ?? "", /Grace Invited/);
      await context.close();
    });
  }

  it("on Free the invite form is replaced by the plans that allow it and who can change the plan", async () => {
    const { context, page } = await newPage(browser, { js: false });
    await signUpOrganization(page);
    await page.goto("/en/admin/members");
    const gate = (await page.locator("[data-testid=invitation-plan-gate]").textContent()) ?? "";
    assert.match(gate, /Team or Enterprise/);
    assert.match(gate, /You hold the Billing role/);
    assert.equal(await page.locator("#email").count(), 0);
    await assertAccessible(page);
    await context.close();
  });

  it("someone signed in as another person is offered to sign out and continue", async () => {
    const { context, page } = await newPage(browser);
    await signUpOrganization(page);
    await choosePlan(page, "team");
    const { link } = await invite(page);
    await page.goto(link);
    await page.getByRole("button", { name: "Sign out and continue" }).click();
    await page.locator("#password").waitFor();
    assert.ok(page.url().endsWith(new URL(link).pathname));
    await assertAccessible(page);
    await context.close();
  });

  it("a revoked link and an unknown link get clear pages", async () => {
    const { context, page } = await newPage(browser, { js: false });
    await signUpOrganization(page);
    await choosePlan(page, "team");
    const { email, link } = await invite(page);
    await page.goto("/en/admin/members");
    await page.getByRole("button", { name: `Revoke the invitation for ${email}` }).click();
    await page.waitForURL(/notice=revoked/);
    const { context: visitor, page: visitorPage } = await newPage(browser, { js: false });
    await visitorPage.goto(link);
    assert.equal(await visitorPage.locator("h1").textContent(), "This invitation was withdrawn");
    await visitorPage.goto("/fr/invite/not-a-real-token-at-all-0000000000");
    assert.equal(await visitorPage.locator("h1").textContent(), "Ce lien d’invitation ne fonctionne pas");
    await visitor.close();
    await context.close();
  });
});

describe("members", () => {
  it("the only Admin is told why they cannot be demoted; a member is promoted, then removed after typing their email (JavaScript off)", async () => {
    const { context, page } = await newPage(browser, { js: false });
    const owner = await signUpOrganization(page);
    assert.match(await page.goto("/en/admin/members").then(() => page.locator("[data-testid=last-admin-note]").textContent()) ?? "", /Only Admin/);
    await choosePlan(page, "team");
    const { email, link } = await invite(page);
    const invitee = await acceptInBrowser(browser, link, { js: false, name: "Removable Person" });
    await invitee.context.close();

    await page.goto("/en/admin/members");
    const row = memberRow(page, email);
    await row.locator("select[name^='role:']").selectOption("admin");
    await row.getByRole("button", { name: "Save the roles of Removable Person" }).click();
    await page.waitForURL(/notice=roleSaved/);
    assert.equal(await page.locator("[data-testid=last-admin-note]").count(), 0);

    await page.getByRole("link", { name: "Remove Removable Person" }).click();
    await page.fill("#confirmation", owner.email);
    await page.click("form:has(#confirmation) button[type=submit]");
    assert.match(await errorSummaryText(page), /Type the member’s email address exactly/);
    await page.fill("#confirmation", email);
    await page.click("form:has(#confirmation) button[type=submit]");
    await page.waitForURL(/notice=removed/);
    assert.equal(await memberRow(page, email).count(), 0);
    await context.close();
  });

  it("with JavaScript on, the remove button enables only once the member's email is typed", async () => {
    const { context, page } = await newPage(browser);
    await signUpOrganization(page);
    await choosePlan(page, "team");
    const { email, link } = await invite(page);
    const invitee = await acceptInBrowser(browser, link, { name: "Typed Person" });
    await invitee.context.close();
    await page.goto("/en/admin/members");
    await page.getByRole("link", { name: "Remove Typed Person" }).click();
    const button = page.locator("form:has(#confirmation) button[type=submit]");
    await page.waitForLoadState("networkidle");
    assert.equal(await button.isDisabled(), true);
    await page.fill("#confirmation", email.toUpperCase());
    assert.equal(await button.isDisabled(), false);
    await assertAccessible(page);
    await Promise.all([page.waitForURL(/notice=removed/), button.click()]);
    assert.match((await page.locator("[role=status]").first().textContent()) ?? "", new RegExp(`${email} was removed`));
    await context.close();
  });

  it("with JavaScript on, each row's Save changes only that person's role and Billing flag (one form for the whole table)", async () => {
    const { context, page } = await newPage(browser);
    await signUpOrganization(page);
    await choosePlan(page, "team");
    const first = await invite(page);
    const second = await invite(page);
    for (const [invitation, name] of [[first, "First Row"], [second, "Second Row"]] as const) {
      const invitee = await acceptInBrowser(browser, invitation.link, { name });
      await invitee.context.close();
    }
    await page.goto("/en/admin/members");
    await page.waitForLoadState("networkidle");
    const firstRow = memberRow(page, first.email);
    const secondRow = memberRow(page, second.email);
    // Both rows edited, only the second saved: the first row's edits are not sent as its own.
    await firstRow.locator("select[name^='role:']").selectOption("admin");
    await secondRow.locator("select[name^='role:']").selectOption("admin");
    await secondRow.getByRole("checkbox", { name: "Billing role for Second Row" }).check();
    await Promise.all([page.waitForURL(/notice=roleSaved/), secondRow.getByRole("button", { name: "Save the roles of Second Row" }).click()]);
    assert.match((await page.locator("[role=status]").first().textContent()) ?? "", new RegExp(second.email));
    await page.goto("/en/admin/members");
    assert.equal(await secondRow.locator("select[name^='role:']").inputValue(), "admin");
    assert.equal(await secondRow.getByRole("checkbox", { name: "Billing role for Second Row" }).isChecked(), true);
    assert.equal(await firstRow.locator("select[name^='role:']").inputValue(), "member");
    assert.equal(await firstRow.getByRole("checkbox", { name: "Billing role for First Row" }).isChecked(), false);
    await assertAccessible(page);
    await context.close();
  });

  it("a Member is refused the members and billing pages", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "member@example.com");
    for (const section of ["members", "billing", "audit"]) {
      const response = await page.goto(`/fr/admin/${section}`);
      assert.equal(response?.status(), 403, section);
    }
    await context.close();
  });

  it("an Admin reads the audit log, newest first, in their language", async () => {
    const { context, page } = await newPage(browser);
    await signUpOrganization(page, { locale: "fr" });
    await choosePlan(page, "pro", "fr");
    await page.goto("/fr/admin/audit");
    const rows = page.locator("[data-testid=audit-table] tbody tr");
    assert.match((await rows.first().textContent()) ?? "", /Formule changée/);
    assert.match((await rows.last().textContent()) ?? "", /Organisation créée/);
    // The note names the device's zone once the page has hydrated.
    await page.getByTestId("time-zone-note").filter({ hasText: /fuseau horaire de votre appareil/ }).waitFor();
    await page.selectOption("#action", "organization.created");
    await Promise.all([page.waitForURL(/action=organization.created/), page.getByRole("button", { name: "Appliquer" }).click()]);
    assert.equal(await rows.count(), 1);
    await assertAccessible(page);
    await context.close();
  });
});
