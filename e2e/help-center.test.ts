import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { helpContent, helpSlugs } from "@/lib/help";
import { assertAccessible, launchBrowser, newPage } from "./support";

// The help center's pages, one language and one JavaScript setting per test. The feedback question
// and the links between console and help center are in help.test.ts: together the two took about
// 120 s, and the runner's timeout (e2e/run.mjs) bounds a whole file as well as each test.

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
