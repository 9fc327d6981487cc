import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { baseUrl } from "./support";

export const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
export const words = {
  en: { signOut: "Sign out", changePassword: "Change password", signOutEverywhere: (name: string) => `Sign out everywhere: ${name}` },
  fr: { signOut: "Se déconnecter", changePassword: "Changer le mot de passe", signOutEverywhere: (name: string) => `Déconnecter partout\u00a0: ${name}` },
} as const;

/** A second browser (another user agent, JavaScript on) signed in with the same account. */
export async function otherBrowser(browser: Browser, email: string, password: string, locale: "fr" | "en") {
  const context = await browser.newContext({ baseURL: baseUrl, userAgent: firefox, locale: locale === "fr" ? "fr-FR" : "en-US" });
  const page = await context.newPage();
  await page.goto(`/${locale}/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith("/sign-in")), page.click("form button[type=submit]")]);
  return { context, page };
}

export async function assertOnSignIn(page: Page, locale: "fr" | "en", path: string) {
  await page.goto(`/${locale}${path}`);
  assert.equal(new URL(page.url()).pathname, `/${locale}/sign-in`);
}

export const runs = [
  { js: false, locale: "fr" },
  { js: true, locale: "en" },
  { js: true, locale: "fr" },
  { js: false, locale: "en" },
] as const;

