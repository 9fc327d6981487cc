import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { helpContent } from "@/lib/help";
import { assertAccessible, launchBrowser, newPage, signIn, signUpOrganization } from "./support";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

async function helpfulCounts(page: Page, article: string): Promise<[number, number]> {
  await page.goto("/en/admin/help-feedback");
  const row = page.locator(`tr[data-article='${article}']`);
  return [Number(await row.locator("[data-count=helpful]").textContent()), Number(await row.locator("[data-count=notHelpful]").textContent())];
}

describe("“Does this page answer your question?”", () => {
  for (const js of [true, false]) {
    it(`an answer is stored once per browser and thanked (JavaScript ${js ? "on" : "off"})`, async () => {
      const admin = await newPage(browser);
      await signUpOrganization(admin.page);
      const article = js ? "authentication" : "plans-and-features";
      const [yesBefore, noBefore] = await helpfulCounts(admin.page, article);

      const { context, page } = await newPage(browser, { js });
      const second = await context.newPage();
      await page.goto(`/fr/help/${article}`);
      await second.goto(`/fr/help/${article}`);
      await page.getByRole("button", { name: "Oui" }).click();
      await page.getByTestId("feedback-thanks").waitFor();
      assert.match((await page.getByTestId("feedback-thanks").textContent()) ?? "", /Merci pour votre réponse/);
      // The other tab still shows the question: its answer must not count a second time.
      await second.getByRole("button", { name: "Non" }).click();
      await second.getByTestId("feedback-thanks").waitFor();
      await page.goto(`/fr/help/${article}`);
      assert.equal(await page.getByRole("button", { name: "Oui" }).count(), 0);
      assert.equal(await page.getByTestId("feedback-thanks").count(), 1);

      assert.deepEqual(await helpfulCounts(admin.page, article), [yesBefore + 1, noBefore]);
      await assertAccessible(admin.page);
      await context.close();
      await admin.context.close();
    });
  }

  it("a Member and a Billing-only member cannot open the feedback counts, nor see them in the menu", async () => {
    for (const email of ["member@example.com", "billing@example.com"]) {
      const { context, page } = await newPage(browser);
      await signIn(page, email);
      const response = await page.goto("/en/admin/help-feedback");
      assert.equal(response?.status(), 403, email);
      await page.goto("/en/admin");
      assert.equal(await page.getByRole("link", { name: "Help feedback" }).count(), 0, email);
      await context.close();
    }
  });
});

describe("links between the console and the help center", () => {
  const pages = [
    { path: "/admin", article: "basic-setup" },
    { path: "/admin/organization", article: "basic-setup" },
    { path: "/admin/members", article: "roles-and-permissions" },
    { path: "/admin/billing", article: "plans-and-features" },
    { path: "/admin/profile", article: "authentication" },
  ] as const;

  for (const locale of ["en", "fr"] as const) {
    it(`each console page links to its article, and the article leads back to the console (${locale})`, async () => {
      const { context, page } = await newPage(browser, { js: false });
      await signIn(page, "admin@example.com", { locale });
      for (const { path, article } of pages) {
        await page.goto(`/${locale}${path}`);
        // The page header's link comes first; a page may link further articles below it.
        const link = page.getByTestId("help-link").first();
        const title = helpContent[locale].articles[article].title;
        assert.equal((await link.textContent())?.replace(/\s+/g, " ").trim(), locale === "en" ? `Help: ${title}` : `Aide : ${title}`, path);
        await Promise.all([page.waitForURL(new RegExp(`/${locale}/help/${article}(#.*)?$`)), link.click()]);
        assert.equal(await page.locator("h1").textContent(), title);
      }
      await page.getByRole("link", { name: locale === "en" ? "Open the console" : "Ouvrir la console" }).click();
      await page.waitForURL(new RegExp(`/${locale}/admin$`));
      await context.close();
    });
  }
});
