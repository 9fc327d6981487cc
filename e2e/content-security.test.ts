import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, newPage, signUpOrganization } from "./support";

// Pages run Next's scripts under a per-request nonce with 'strict-dynamic': nothing may be refused.
let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

describe("content security policy", () => {
  it("console and help pages hydrate under the nonce policy and report no violation", async () => {
    const { page } = await newPage(browser);
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await signUpOrganization(page);
    for (const path of ["/en/admin", "/en/admin/organization", "/en/admin/members", "/fr/admin/profile", "/en/help/basic-setup", "/en/studio"]) {
      const response = await page.goto(path);
      const policy = response?.headers()["content-security-policy"] ?? "";
      assert.match(policy, /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/, path);
      assert.doesNotMatch(policy.match(/script-src[^;]*/)?.[0] ?? "", /unsafe-inline/, path);
      await page.waitForLoadState("networkidle");
      // Next's inline bootstrap ran (it carries the nonce) and React took over the page.
      assert.equal(await page.evaluate(() => Array.isArray((window as unknown as { __next_f?: unknown[] }).__next_f)), true, path);
    }
    assert.deepEqual(violations, []);
  });
});
