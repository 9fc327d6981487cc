import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { unzip } from "../tests/support/zip";
import { assertAccessible, errorSummaryText, launchBrowser, newPage, signIn, signUpOrganization } from "./support";
import { mailCount, waitForMail } from "./support-mail";

// Run with a grace period to cover restoring: ORGANIZATION_DELETION_GRACE_DAYS=3 npm run test:e2e -- e2e/data-lifecycle.test.ts
const graceDays = Number(process.env.ORGANIZATION_DELETION_GRACE_DAYS ?? 0);

type Catalogue = { DataLifecycle: Record<string, string>; Errors: Record<string, string>; SignedOut: Record<string, string> };
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

/** The names of a ZIP file's entries, and the number of lines of each. */
async function zipEntries(file: string): Promise<Record<string, number>> {
  const files = await unzip(file);
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, text.split("\n").filter(Boolean).length]));
}

async function moveToTeam(page: Page, locale: "en" | "fr") {
  await page.goto(`/${locale}/admin/billing`);
  await page.check("input[name=plan][value=team]");
  await Promise.all([page.waitForURL(/plan=team/), page.click("form:has(input[name=plan]) button[type=submit]")]);
  await Promise.all([page.waitForURL(/changed=team/), page.click("[data-testid=plan-change-preview] button[type=submit]")]);
}

async function waitForExport(page: Page) {
  // Nothing here reloads the page: the meta refresh (JavaScript off) or the live refresh (on) must.
  for (let tries = 0; tries < 80; tries += 1) {
    if ((await page.getByTestId("export-download").count()) > 0) return;
    await page.waitForTimeout(500);
  }
  const state = (await page.getByTestId("export-status").count()) > 0 ? await page.getByTestId("export-status").getAttribute("data-state") : "absent";
  assert.fail(`the export did not become ready (state: ${state}, page: ${page.url()})`);
}

const combinations = [
  { locale: "en", js: true },
  { locale: "fr", js: false },
  { locale: "fr", js: true },
  { locale: "en", js: false },
] as const;

describe("data lifecycle on the Organization page", () => {
  for (const { locale, js } of combinations) {
    it(`an Admin sets retention with its preview, exports and opens the ZIP, then deletes (${locale}, JavaScript ${js ? "on" : "off"})`, async () => {
      const t = catalogues[locale].DataLifecycle;
      const { context, page } = await newPage(browser, { js });
      const owner = await signUpOrganization(page, { locale });
      await page.goto(`/${locale}/chat`);
      await page.fill("#message", "Une conversation à exporter");
      await page.click("form:has(#message) button[type=submit]");
      await page.waitForLoadState("networkidle");

      // Below Team the form is replaced by the plan gate.
      await page.goto(`/${locale}/admin/organization`);
      assert.equal(await page.getByTestId("retention-form").count(), 0);
      await moveToTeam(page, locale);
      await page.goto(`/${locale}/admin/organization`);
      await assertAccessible(page);

      // A bad number is refused; a good one is previewed (with the count), then saved.
      await page.check("#retentionEnabled");
      await page.fill("#retentionDays", "0");
      await page.click("button[name=intent][value=preview]");
      await page.waitForLoadState("networkidle");
      assert.match(await errorSummaryText(page), new RegExp(catalogues[locale].Errors.retentionDays!.slice(0, 12)));
      await page.fill("#retentionDays", "30");
      await page.click("button[name=intent][value=preview]");
      await page.getByTestId("retention-outcome").filter({ hasText: locale === "en" ? /no chat and no message/ : /aucune conversation et aucun message/ }).waitFor();
      await page.click("button[name=intent][value=save]");
      await page.waitForLoadState("networkidle");
      await page.getByTestId("retention-outcome").getByText(t.retentionSaved!.slice(0, 8)).waitFor();
      await page.goto(`/${locale}/admin/organization`);
      assert.match((await page.getByTestId("retention-current").textContent()) ?? "", /30/);
      await page.goto(`/${locale}/chat`);
      assert.match((await page.getByTestId("chat-retention").textContent()) ?? "", /30/);

      // Export: build in the background, download, open.
      await page.goto(`/${locale}/admin/organization`);
      // The page links to the help article, in the page's language.
      assert.equal(await page.getByTestId("data-help-link").getAttribute("href"), `/${locale}/help/data-and-retention`);
      await page.click(`form:has(button:text("${t.exportButton}")) button[type=submit]`);
      await page.waitForLoadState("networkidle");
      await waitForExport(page);
      await assertAccessible(page);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-download").click()]);
      const file = await download.path();
      const entries = await zipEntries(file);
      assert.deepEqual(Object.keys(entries).sort(), ["README.txt", "audit-events.ndjson", "chats.ndjson", "invitations.ndjson", "members.ndjson", "messages.ndjson", "organization.ndjson"]);
      assert.equal(entries["members.ndjson"], 1);
      assert.equal(entries["chats.ndjson"], 1);
      assert.ok(!fs.readFileSync(file).includes(Buffer.from(owner.password)));

      // The Danger zone offers a copy first, and says which deletion mode the server is in.
      assert.equal(await page.locator(`#delete a[href="#export"]`).count(), 1);
      const mode = (await page.getByTestId("deletion-mode").textContent()) ?? "";
      if (graceDays > 0) assert.match(mode, new RegExp(`\\b${graceDays}\\b`));
      else assert.equal(mode, t.graceImmediate);
      if (graceDays === 0) {
        await context.close();
        return;
      }

      // With a grace period: delete, get locked out, restore through the emailed link, find everything.
      const mails = mailCount(owner.email);
      await page.fill("#deleteConfirmation", owner.organizationName);
      await page.fill("#deletePassword", owner.password);
      await Promise.all([page.waitForURL(/\/signed-out\?reason=organizationScheduledForDeletion/), page.click("form:has(#deleteConfirmation) button[type=submit]")]);
      assert.match((await page.locator("main").textContent()) ?? "", new RegExp(catalogues[locale].SignedOut.organizationScheduledForDeletion!.slice(0, 20)));
      await page.goto(`/${locale}/sign-in`);
      await page.fill("#email", owner.email);
      await page.fill("#password", owner.password);
      await page.click("form button[type=submit]");
      await page.waitForLoadState("networkidle");
      assert.match(await errorSummaryText(page), new RegExp(catalogues[locale].Errors.organizationScheduledForDeletion!.slice(0, 20)));
      const mail = await waitForMail(owner.email, { previous: mails });
      assert.match(mail.path, /^\/(en|fr)\/restore-organization\?token=/);
      await page.goto(mail.path);
      await assertAccessible(page);
      await Promise.all([page.waitForURL(/restored=1/), page.click("form button[type=submit]")]);
      await page.getByTestId("restore-done").waitFor();
      await assertAccessible(page);
      // The link works once.
      await page.goto(mail.path);
      await page.getByTestId("restore-used").waitFor();
      await signIn(page, owner.email, { password: owner.password, locale });
      await page.goto(`/${locale}/chat`);
      await page.getByText("Une conversation à exporter").first().waitFor();
      await context.close();
    });
  }
});
