import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { assertAccessible, baseUrl, errorSummaryText, launchBrowser, newPage, signIn, signUpOrganization } from "./support";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

describe("signing in", () => {
  for (const js of [true, false]) {
    it(`a signed-out visitor is sent to sign-in and comes back to the page asked (JavaScript ${js ? "on" : "off"})`, async () => {
      const { context, page } = await newPage(browser, { js });
      await page.goto("/en/admin/profile");
      assert.match(page.url(), /\/en\/sign-in\?callbackUrl=%2Fen%2Fadmin%2Fprofile/);
      await page.fill("#email", "member@example.com");
      await page.fill("#password", "not-the-password");
      await page.click("form button[type=submit]");
      assert.match(await errorSummaryText(page), /email or password is incorrect/);
      assert.equal(await page.inputValue("#email"), "member@example.com");
      await page.waitForLoadState("networkidle");
      await page.fill("#email", "member@example.com");
      await page.fill("#password", "correct-horse-battery");
      await Promise.all([page.waitForURL(/\/en\/admin\/profile$/), page.click("form button[type=submit]")]);
      assert.equal(await page.locator("h1").textContent(), "Profile");
      await context.close();
    });
  }

  it("an unknown email gets the same message as a wrong password", async () => {
    const { context, page } = await newPage(browser, { js: false });
    await page.goto("/fr/sign-in");
    await page.fill("#email", "personne@example.com");
    await page.fill("#password", "nimporte-quoi");
    await page.click("form button[type=submit]");
    assert.match(await errorSummaryText(page), /L’adresse e-mail ou le mot de passe est incorrect/);
    await context.close();
  });
});

describe("the console by role", () => {
  it("a Member is refused the Admin-only and Billing-only sections with a 403 page", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "member@example.com");
    for (const section of ["organization", "members", "billing", "audit"]) {
      const response = await page.goto(`/en/admin/${section}`);
      assert.equal(response?.status(), 403, section);
      assert.equal(await page.locator("h1").textContent(), "You cannot open this page");
    }
    const nav = await page.locator("nav").allTextContents();
    assert.ok(!nav.join(" ").includes("Members"));
    await context.close();
  });

  it("an address that is not a console section answers the localized not-found page", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "admin@example.com");
    for (const [path, title] of [["/en/admin/whatever", "Page not found"], ["/fr/admin/no-such-page", "Page introuvable"]] as const) {
      const response = await page.goto(path);
      assert.equal(response?.status(), 404, path);
      assert.equal(await page.locator("h1").textContent(), title);
    }
    await context.close();
  });

  it("the Studio main menu opens the console, which shows the organization name, plan and ID", async () => {
    const { context, page } = await newPage(browser, { js: false });
    await signIn(page, "admin@example.com");
    await page.goto("/en/studio");
    await page.click("summary");
    await page.getByRole("link", { name: "Admin", exact: true }).click();
    await page.waitForURL(/\/en\/admin$/);
    assert.equal(await page.getByTestId("organization-name").textContent(), "Acme Demo");
    assert.match((await page.getByTestId("organization-id").textContent()) ?? "", /^[0-9a-f-]{36}$/);
    await assertAccessible(page);
    await context.close();
  });
});

describe("profile and language", () => {
  it("profile editing works with JavaScript off, keeps typed values on error, and the saved language comes back at sign-in", async () => {
    const { context, page } = await newPage(browser, { js: false });
    const owner = await signUpOrganization(page);
    await page.goto("/en/admin/profile");
    await assertAccessible(page);
    await page.fill("#name", "   ");
    await page.click("form:has(#name) button[type=submit]");
    assert.match(await errorSummaryText(page), /This field is required/);

    await page.fill("#name", "Renée Dupont");
    await page.selectOption("select[name=locale]", "fr");
    await Promise.all([page.waitForURL(/\/fr\/admin\/profile/), page.click("form:has(#name) button[type=submit]")]);
    assert.equal(await page.locator("h1").textContent(), "Profil");
    assert.equal(await page.inputValue("#name"), "Renée Dupont");

    // Sign out, then sign in from the English page: the console opens in French.
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL(/sign-in/);
    await signIn(page, owner.email, { password: owner.password, locale: "en" });
    assert.match(new URL(page.url()).pathname, /^\/fr\//);
    await context.close();
  });

  it("the language switcher is a plain link to the same page", async () => {
    const { context, page } = await newPage(browser, { js: false });
    await page.goto("/en/sign-in");
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    await page.getByRole("link", { name: "Lire en français" }).click();
    await page.waitForURL(/\/fr\/sign-in/);
    assert.equal(await page.locator("html").getAttribute("lang"), "fr");
    assert.equal(await page.locator("h1").textContent(), "Connexion");
    await context.close();
  });
});

describe("the platform", () => {
  it("/api/health answers ok with security headers", async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: "ok" });
    const page = await fetch(`${baseUrl}/en/sign-in`);
    const csp = page.headers.get("content-security-policy") ?? "";
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.equal(page.headers.get("x-content-type-options"), "nosniff");
    assert.equal(page.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
  });
});
