import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { newPage, uniqueEmail } from "./support";

/** A person's row of the members table, found by their email address (its second cell). */
export function memberRow(page: Page, email: string) {
  return page.getByRole("row").filter({ has: page.getByRole("cell", { name: email, exact: true }) });
}

/** Moves the signed-in Admin + Billing owner's organization to a plan through the billing page. */
export async function choosePlan(page: Page, plan: "free" | "pro" | "team" | "enterprise", locale: "fr" | "en" = "en") {
  await page.goto(`/${locale}/admin/billing`);
  await page.check(`input[name=plan][value=${plan}]`);
  await Promise.all([page.waitForURL(new RegExp(`plan=${plan}`)), page.click("form:has(input[name=plan]) button[type=submit]")]);
  await Promise.all([page.waitForURL(new RegExp(`changed=${plan}`)), page.click("[data-testid=plan-change-preview] button[type=submit]")]);
}

/** Creates an invitation on the members page and returns the link shown once. */
export async function invite(page: Page, options: { email?: string; role?: "admin" | "member"; billing?: boolean; locale?: "fr" | "en" } = {}) {
  const email = options.email ?? uniqueEmail("invitee");
  await page.goto(`/${options.locale ?? "en"}/admin/members`);
  await page.fill("#email", email);
  await page.selectOption("select[name=role]", options.role ?? "member");
  if (options.billing) await page.check("#billing");
  await page.click("form:has(#email) button[type=submit]");
  await page.locator("[data-testid=invitation-created]").waitFor();
  const link = await page.inputValue("#invitationLink");
  assert.match(link, /\/invite\/[A-Za-z0-9_-]{43}$/);
  return { email, link };
}

/** Accepts an invitation in a fresh browser context, which ends signed in as the new member. */
export async function acceptInBrowser(browser: Browser, link: string, options: { js?: boolean; name?: string } = {}) {
  const { context, page } = await newPage(browser, { js: options.js ?? true });
  const password = "an-invited-password";
  await page.goto(link);
  await page.fill("#name", options.name ?? "Invited Person");
  await page.fill("#password", password);
  await Promise.all([page.waitForURL(/\/studio$/), page.click("form:has(#password) button[type=submit]")]);
  return { context, page, password };
}
