import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startDnsServer } from "../tests/support/dns-server";
import { assertAccessible, errorSummaryText, launchBrowser, newPage, signIn, signUpOrganization } from "./support";

// The server under test resolves through DNS_SERVER; this file answers there (run with DNS_SERVER=127.0.0.1:<port>).
const dnsPort = Number((process.env.DNS_SERVER ?? "").split(":")[1]);

// Without it the server would ask the real DNS: those tests are skipped (and say so) rather than touch the network.
const needsDns = { skip: dnsPort > 0 ? false : "run with DNS_SERVER=127.0.0.1:<free port> (README)" };

let browser: Browser;
let dns: Awaited<ReturnType<typeof startDnsServer>> | undefined;
before(async () => {
  [browser, dns] = await Promise.all([launchBrowser(), dnsPort > 0 ? startDnsServer({ port: dnsPort }) : undefined]);
});
after(async () => {
  await Promise.all([browser.close(), dns?.close()]);
});

const uniqueDomain = () => `e2e-${Math.random().toString(36).slice(2, 10)}.example`;

async function addDomain(page: Page, domain: string) {
  await page.fill("#domain", domain);
  await page.click("#add-domain-title ~ form button[type=submit]");
  await page.locator("li", { has: page.locator("h3", { hasText: domain }) }).waitFor();
}

function domainItem(page: Page, domain: string) {
  return page.locator("li", { has: page.locator("h3", { hasText: domain }) });
}

describe("verified domains", () => {
  for (const js of [true, false]) {
    it(`an Admin adds a domain and Verify says what it found, until the record is right (JavaScript ${js ? "on" : "off"})`, needsDns, async () => {
      const { context, page } = await newPage(browser, { js });
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

      dns!.setTxt(recordName, ["org-console-verification=something-else"]);
      if (js) await page.waitForLoadState("networkidle");
      await domainItem(page, domain).locator("button", { hasText: "Verify" }).click();
      const wrong = domainItem(page, domain).locator("text=but not with the expected value");
      await wrong.waitFor();
      assert.match((await wrong.textContent()) ?? "", /Found: “org-console-verification=something-else”/);

      dns!.setTxt(recordName, [recordValue]);
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
    const { context, page } = await newPage(browser, { js: false });
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
    const first = await newPage(browser);
    await signUpOrganization(first.page);
    await first.page.goto("/en/admin/authentication");
    await addDomain(first.page, domain);
    const item = domainItem(first.page, domain);
    dns!.setTxt((await item.getByTestId("record-name").textContent())!, [(await item.getByTestId("record-value").textContent())!]);
    await item.locator("button", { hasText: "Verify" }).click();
    await domainItem(first.page, domain).locator("text=Verified: the TXT record").waitFor();

    const second = await newPage(browser);
    await signUpOrganization(second.page);
    await second.page.goto("/en/admin/authentication");
    await second.page.fill("#domain", domain);
    await second.page.click("#add-domain-title ~ form button[type=submit]");
    assert.match(await errorSummaryText(second.page), /Another organization has already verified this domain/);
    await Promise.all([first.context.close(), second.context.close()]);
  });

  it("a Member cannot open the authentication page", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "member@example.com");
    const response = await page.goto("/en/admin/authentication");
    assert.equal(response?.status(), 403);
    assert.ok(!((await page.locator("nav").allTextContents()).join(" ").includes("Authentication")));
    await context.close();
  });

  for (const locale of ["en", "fr"] as const) {
    it(`the page after a request to join says what happens next (${locale})`, async () => {
      const { context, page } = await newPage(browser, { js: false });
      await page.goto(`/${locale}/join-requested`);
      assert.match((await page.locator("h1").textContent()) ?? "", locale === "en" ? /Request sent/ : /Demande envoyée/);
      await assertAccessible(page);
      await context.close();
    });
  }
});
