import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { helpContent, helpSlugs } from "@/lib/help";
import { assertAccessible, launchBrowser, newPage, signIn, signUpOrganization } from "./support";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

/** Every same-site link of the page, fetched with the page's cookies: each must end on a 200. */
async function assertInternalLinksAnswer(page: Page, checked: Set<string>) {
  const hrefs = await page.$$eval("a[href^='/'], img[src^='/']", (nodes) =>
    nodes.map((node) => (node instanceof HTMLAnchorElement ? node.getAttribute("href") : node.getAttribute("src")) ?? ""),
  );
  for (const href of new Set(hrefs.map((href) => href.split("#")[0]!))) {
    if (checked.has(href)) continue;
    const response = await page.request.get(href);
    assert.equal(response.status(), 200, `${href} (linked from ${page.url()})`);
    checked.add(href);
  }
}

async function helpfulCounts(page: Page, article: string): Promise<[number, number]> {
  await page.goto("/en/admin/help-feedback");
  const row = page.locator(`tr[data-article='${article}']`);
  return [Number(await row.locator("[data-count=helpful]").textContent()), Number(await row.locator("[data-count=notHelpful]").textContent())];
}

describe("the help center", () => {
  for (const locale of ["en", "fr"] as const) {
    for (const js of [true, false]) {
      it(`every article renders in ${locale} for a signed-out visitor, and every internal link answers (JavaScript ${js ? "on" : "off"})`, async () => {
        const { context, page } = await newPage(browser, { js });
        const checked = new Set<string>();
        const index = await page.goto(`/${locale}/help`);
        assert.equal(index?.status(), 200);
        assert.equal(await page.locator("h1").textContent(), locale === "en" ? "Help center" : "Centre d’aide");
        await assertInternalLinksAnswer(page, checked);
        if (js) await assertAccessible(page);
        for (const slug of helpSlugs) {
          const article = helpContent[locale].articles[slug];
          const response = await page.goto(`/${locale}/help/${slug}`);
          assert.equal(response?.status(), 200, slug);
          assert.equal(await page.locator("h1").textContent(), article.title);
          assert.ok((await page.title()).startsWith(`${article.title} · `), await page.title());
          assert.equal(await page.locator("meta[name=description]").getAttribute("content"), article.description);
          for (const other of ["en", "fr"]) {
            const alternate = await page.locator(`link[rel=alternate][hreflang=${other}]`).getAttribute("href");
            assert.match(alternate ?? "", new RegExp(`/${other}/help/${slug}$`));
          }
          for (const section of article.sections) assert.equal(await page.locator(`h2#${section.id}`).textContent(), section.heading);
          assert.equal(await page.getByRole("heading", { name: locale === "en" ? "Does this page answer your question?" : "Cette page répond-elle à votre question\u202f?" }).count(), 1);
          await assertInternalLinksAnswer(page, checked);
          if (js) await assertAccessible(page);
        }
        await context.close();
      });
    }
  }

  it("the roles and plans articles show the generated tables, and the basic setup has a table of contents", async () => {
    const { context, page } = await newPage(browser, { js: false });
    await page.goto("/en/help/roles-and-permissions");
    assert.equal(await page.locator("tr[data-action='organization.delete'] td[data-role=admin]").getAttribute("data-allowed"), "true");
    assert.equal(await page.locator("tr[data-action='organization.delete'] td[data-role=member]").getAttribute("data-allowed"), "false");
    assert.equal(await page.locator("tr[data-action='billing.changePlan'] td[data-role=billing]").getAttribute("data-allowed"), "true");
    await page.goto("/fr/help/plans-and-features");
    assert.equal(await page.locator("tr[data-feature=invitations] td[data-plan=free]").getAttribute("data-included"), "false");
    assert.equal(await page.locator("tr[data-feature=ssoSaml] td[data-plan=enterprise]").getAttribute("data-included"), "true");
    await page.goto("/fr/help/basic-setup");
    assert.equal(await page.getByRole("navigation", { name: "Sur cette page" }).locator("li").count(), helpContent.fr.articles["basic-setup"].sections.length);
    await page.getByRole("link", { name: "Read in English" }).click();
    await page.waitForURL(/\/en\/help\/basic-setup$/);
    await context.close();
  });
});

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
