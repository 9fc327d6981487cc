import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const baseUrl = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";
export const demoPassword = "correct-horse-battery";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
}

const jsOffContexts = new WeakSet<BrowserContext>();

/** A fresh browser context: its own cookies, JavaScript on or off. */
export async function newPage(browser: Browser, options: { js?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled: options.js ?? true, baseURL: baseUrl, locale: "en-US" });
  context.setDefaultTimeout(20_000);
  if (options.js === false) jsOffContexts.add(context);
  return { context, page: await context.newPage() };
}

/** Signs in through the real form and waits to leave the sign-in page. */
export async function signIn(page: Page, email: string, options: { password?: string; locale?: "fr" | "en"; callbackUrl?: string } = {}) {
  const query = options.callbackUrl ? `?callbackUrl=${encodeURIComponent(options.callbackUrl)}` : "";
  await page.goto(`/${options.locale ?? "en"}/sign-in${query}`);
  await page.fill("#email", email);
  await page.fill("#password", options.password ?? demoPassword);
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith("/sign-in")), page.click("form button[type=submit]")]);
}

export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.test`;
}

/** Creates a brand-new organization through sign-up, so a test can change or destroy it freely. */
export async function signUpOrganization(page: Page, options: { organizationName?: string; locale?: "fr" | "en" } = {}) {
  const email = uniqueEmail("owner");
  const password = "a-long-e2e-password";
  const organizationName = options.organizationName ?? `E2E ${randomBytes(3).toString("hex")}`;
  await page.goto(`/${options.locale ?? "en"}/sign-up`);
  await page.fill("#organizationName", organizationName);
  await page.fill("#name", "E2E Owner");
  await page.fill("#email", email);
  await page.fill("#password", password);
  await Promise.all([page.waitForURL(/\/admin$/), page.click("form button[type=submit]")]);
  return { email, password, organizationName };
}

/**
 * Fails on any serious or critical accessibility violation. axe is a script and hangs where
 * JavaScript is off, so such a page is scanned again in a JavaScript-on context with its cookies.
 */
export async function assertAccessible(page: Page): Promise<void> {
  const context = page.context();
  if (jsOffContexts.has(context)) {
    const scan = await context.browser()!.newContext({ baseURL: baseUrl, storageState: await context.storageState() });
    try {
      const scanPage = await scan.newPage();
      await scanPage.goto(page.url());
      await assertAccessible(scanPage);
    } finally {
      await scan.close();
    }
    return;
  }
  // After a navigation inside the page, Next sets the new title a moment after the content: give it
  // that moment. A page that never gets a title still fails below.
  await page.waitForFunction(() => document.title.trim() !== "", null, { timeout: 5000 }).catch(() => undefined);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  assert.deepEqual(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
    [],
  );
}

/** The text of the form's error summary (the role=alert inside a form, not Next's route announcer). */
export async function errorSummaryText(page: Page): Promise<string> {
  const summary = page.locator("form [role=alert]").first();
  await summary.waitFor();
  return (await summary.textContent()) ?? "";
}
