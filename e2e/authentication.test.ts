import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertAccessible, errorSummaryText, newPage, signIn, signUpOrganization } from "./support";
import { addDomain, domainItem, needsDns, uniqueDomain, startBrowserAndDns } from "./support-domains";

const setup = startBrowserAndDns();

describe("verified domains", () => {
  for (const js of [true, false]) {
    it(`an Admin adds a domain and Verify says what it found, until the record is right (JavaScript ${js ? "on" : "off"})`, needsDns, async () => {
      const { context, page } = await newPage(setup.browser(), { js });
      await signUpOrganization(page);
      await page.goto("/en/admin");
      await page.click("nav >> text=Authentication");
      await page.waitForURL(/\/en\/admin\/authentication$/);
      assert.equal(await page.locator("h1").textContent(), "Authentication");

      const domain = uniqueDomain();
      await addDomain(page, domain);
      const item = domainItem(page, domain);
      assert.match(await item.textContent() ?? "", /Not verified yet/);
      const recordName = (await item.getByTestId("record-name").textContent())!;
      const recordValue = (await item.getByTestId("record-value").textContent())!;
      assert.equal(recordName, `_org-console.${domain}`);

      await item.locator("button", { hasText: "Verify" }).click();
      await domainItem(page, domain).locator("text=No TXT record found").waitFor();

      setup.dns()!.setTxt(recordName, ["org-console-verification=something-else"]);
      if (js) await page.waitForLoadState("networkidle");
      await domainItem(page, domain).locator("button", { hasText: "Verify" }).click();
      const wrong = domainItem(page, domain).locator("text=but not with the expected value");
      await wrong.waitFor();
      assert.match((await wrong.textContent()) ?? "", /Found: “org-console-verification=something-else”/);

      setup.dns()!.setTxt(recordName, [recordValue]);
      if (js) await page.waitForLoadState("networkidle");
      await domainItem(page, domain).locator("button", { hasText: "Verify" }).click();
      await domainItem(page, domain).locator("text=Verified: the TXT record").waitFor();
      assert.match((await domainItem(page, domain).locator("h3 + span").textContent()) ?? "", /Verified/);
      // The Free plan keeps joining by email domain out, and says who can change the plan.
      assert.match((await domainItem(page, domain).textContent()) ?? "", /part of the Team and Enterprise plans/);
      await assertAccessible(page);
      await context.close();
    });
  }

  it("a consumer mail domain is refused with the typed value kept, in French", async () => {
    const { context, page } = await newPage(setup.browser(), { js: false });
    await signUpOrganization(page, { locale: "fr" });
    await page.goto("/fr/admin/authentication");
    await page.fill("#domain", "Gmail.com");
    await page.click("#add-domain-title ~ form button[type=submit]");
    assert.match(await errorSummaryText(page), /messagerie publique/);
    assert.equal(await page.inputValue("#domain"), "Gmail.com");
    await assertAccessible(page);
    await context.close();
  });

  it("a domain verified by one organization is refused to another", needsDns, async () => {
    const domain = uniqueDomain();
    const first = await newPage(setup.browser());
    await signUpOrganization(first.page);
    await first.page.goto("/en/admin/authentication");
    await addDomain(first.page, domain);
    const item = domainItem(first.page, domain);
    setup.dns()!.setTxt((await item.getByTestId("record-name").textContent())!, [(await item.getByTestId("record-value").textContent())!]);
    await item.locator("button", { hasText: "Verify" }).click();
    await domainItem(first.page, domain).locator("text=Verified: the TXT record").waitFor();

    const second = await newPage(setup.browser());
    await signUpOrganization(second.page);
    await second.page.goto("/en/admin/authentication");
    await second.page.fill("#domain", domain);
    await second.page.click("#add-domain-title ~ form button[type=submit]");
    assert.match(await errorSummaryText(second.page), /Another organization has already verified this domain/);
    await Promise.all([first.context.close(), second.context.close()]);
  });

  it("a Member cannot open the authentication page", async () => {
    const { context, page } = await newPage(setup.browser());
    await signIn(page, "member@example.com");
    const response = await page.goto("/en/admin/authentication");
    assert.equal(response?.status(), 403);
    assert.ok(!((await page.locator("nav").allTextContents()).join(" ").includes("Authentication")));
    await context.close();
  });

  for (const locale of ["en", "fr"] as const) {
    it(`the page after a request to join says what happens next (${locale})`, async () => {
      const { context, page } = await newPage(setup.browser(), { js: false });
      await page.goto(`/${locale}/join-requested`);
      assert.match((await page.locator("h1").textContent()) ?? "", locale === "en" ? /Request sent/ : /Demande envoyée/);
      await assertAccessible(page);
      await context.close();
    });
  }
});
