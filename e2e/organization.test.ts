import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { assertAccessible, errorSummaryText, launchBrowser, newPage, signUpOrganization } from "./support";

type Catalogue = { Chat: Record<string, string>; Errors: Record<string, string>; OrganizationPage: Record<string, string>; SignedOut: Record<string, string> };
const catalogues: Record<"en" | "fr", Catalogue> = {
  en: JSON.parse(fs.readFileSync("messages/en.json", "utf8")) as Catalogue,
  fr: JSON.parse(fs.readFileSync("messages/fr.json", "utf8")) as Catalogue,
};

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

/** Submits the form that holds a field; with JavaScript on, waits for the action's answer to settle. */
async function submit(page: Page, field: string) {
  await page.click(`form:has(${field}) button[type=submit]`);
  await page.waitForLoadState("networkidle");
}

async function waitForPurgeDone(page: Page) {
  // Nothing here reloads the page: the meta refresh (JavaScript off) or the live refresh (on) must.
  const progress = page.getByTestId("purge-progress");
  for (let tries = 0; tries < 40; tries += 1) {
    if ((await progress.count()) > 0 && (await progress.getAttribute("data-state")) === "done") return;
    await page.waitForTimeout(500);
  }
  assert.fail("the purge did not show as done");
}

const combinations = [
  { locale: "en", js: true },
  { locale: "fr", js: false },
  { locale: "fr", js: true },
  { locale: "en", js: false },
] as const;

describe("the Organization page", () => {
  for (const { locale, js } of combinations) {
    it(`an Admin renames, purges and deletes the organization (${locale}, JavaScript ${js ? "on" : "off"})`, async () => {
      const t = catalogues[locale];
      const { context, page } = await newPage(browser, { js });
      const owner = await signUpOrganization(page, { locale });
      const overviewId = await page.getByTestId("organization-id").textContent();

      await page.goto(`/${locale}/admin/organization`);
      assert.equal(await page.locator("h1").textContent(), t.OrganizationPage.title);
      assert.equal(await page.getByTestId("organization-id").textContent(), overviewId);
      // The copy button exists only once the page has hydrated; without JavaScript the ID stays selectable.
      const copyId = page.getByRole("button", { name: t.OrganizationPage.copyId });
      if (js) await copyId.waitFor();
      assert.equal(await copyId.count(), js ? 1 : 0);
      await assertAccessible(page);

      // Rename: trimmed and shown at once in the console and in Studio.
      const newName = `Renommée 🦊 ${owner.organizationName.slice(-6)}`;
      await page.fill("#name", `   ${newName}  `);
      await submit(page, "#name");
      await page.getByText(t.OrganizationPage.renamed!.replace("{name}", newName)).waitFor();
      assert.equal(await page.getByTestId("organization-name").textContent(), newName);
      await page.goto(`/${locale}/studio`);
      assert.equal(await page.getByTestId("organization-name").textContent(), newName);

      // A chat to purge: an empty message is refused, a real one is listed.
      await page.goto(`/${locale}/chat`);
      await submit(page, "#message");
      assert.match(await errorSummaryText(page), new RegExp(t.Errors.required!.slice(0, 15)));
      await page.fill("#message", "Quel temps fera-t-il demain à Lyon ?");
      await submit(page, "#message");
      await page.getByText(t.Chat.started!.replace("{title}", "Quel temps fera-t-il demain à Lyon ?")).waitFor();
      assert.equal(await page.getByRole("listitem").filter({ hasText: "Quel temps fera-t-il demain à Lyon ?" }).count(), 1);
      await assertAccessible(page);
      await page.goto(`/${locale}/admin/organization`);

      // The Danger zone counts what goes, the new chat included.
      assert.match((await page.locator("#purge").textContent()) ?? "", /\b1 chat\b.*\b1 message\b/);

      // Purge: a wrong name is refused (JavaScript keeps the button off; the server says why).
      await page.fill("#purgeConfirmation", "not the name");
      const purgeButton = page.locator("form:has(#purgeConfirmation) button[type=submit]");
      if (js) {
        assert.equal(await purgeButton.isDisabled(), true);
      } else {
        await submit(page, "#purgeConfirmation");
        assert.match(await errorSummaryText(page), new RegExp(t.Errors.confirmationMismatch!.slice(0, 20)));
        assert.equal(await page.inputValue("#purgeConfirmation"), "not the name");
      }
      await page.fill("#purgeConfirmation", newName);
      assert.equal(await purgeButton.isDisabled(), false);
      await purgeButton.click();
      await waitForPurgeDone(page);
      assert.match((await page.getByTestId("purge-progress").textContent()) ?? "", /\b1 chat\b.*\b1 message\b/);
      await assertAccessible(page);
      await page.goto(`/${locale}/chat`);
      assert.equal(await page.getByText(t.Chat.empty!).count(), 1);
      await page.goto(`/${locale}/admin/organization`);

      // Deletion: wrong name, then wrong password, then both right.
      await page.fill("#deleteConfirmation", "wrong name");
      await page.fill("#deletePassword", owner.password);
      const deleteButton = page.locator("form:has(#deleteConfirmation) button[type=submit]");
      if (js) {
        assert.equal(await deleteButton.isDisabled(), true);
      } else {
        await submit(page, "#deleteConfirmation");
        assert.match(await errorSummaryText(page), new RegExp(t.Errors.confirmationMismatch!.slice(0, 20)));
      }
      await page.fill("#deleteConfirmation", newName);
      await page.fill("#deletePassword", "not-my-password");
      await submit(page, "#deleteConfirmation");
      assert.match(await errorSummaryText(page), new RegExp(t.Errors.wrongPassword!.slice(0, 15)));
      assert.equal(await page.inputValue("#deleteConfirmation"), newName);
      await assertAccessible(page);

      await page.fill("#deleteConfirmation", newName);
      await page.fill("#deletePassword", owner.password);
      await Promise.all([page.waitForURL(/\/signed-out\?reason=organizationDeleted/), deleteButton.click()]);
      assert.equal(await page.getByText(t.SignedOut.organizationDeleted!).count(), 1);

      // The organization is gone for good: the console never opens again for this browser.
      const again = await page.goto(`/${locale}/admin/organization`);
      assert.equal(again?.status(), 200);
      assert.match(page.url(), /\/(sign-in|signed-out\?reason=organizationDeleted)/);
      await context.close();
    });
  }

  it("a Member cannot open the Organization page", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/en/sign-in");
    await page.fill("#email", "member@example.com");
    await page.fill("#password", "correct-horse-battery");
    await Promise.all([page.waitForURL((url) => !url.pathname.endsWith("/sign-in")), page.click("form button[type=submit]")]);
    const response = await page.goto("/en/admin/organization");
    assert.equal(response?.status(), 403);
    await context.close();
  });
});
