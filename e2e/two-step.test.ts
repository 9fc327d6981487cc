import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Secret, TOTP } from "otpauth";
import type { Browser, Page } from "playwright-core";
import { assertAccessible, demoPassword, launchBrowser, newPage, signIn, signUpOrganization } from "./support";
import { mailCount, waitForMail } from "./support-mail";
import { memberRow } from "./support-members";
import { words } from "./support-sessions";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const texts = {
  en: { start: "Add an authenticator app", confirm: "Turn on two-step sign-in", submit: "Sign in", recovery: "Lost your phone? Use a recovery code", recoverySubmit: "Sign in with a recovery code", enabledMail: /Two-step sign-in is on/, save: "Save the rule", on: "On", reset: "Reset the two-step sign-in of" },
  fr: { start: "Ajouter une application d’authentification", confirm: "Activer la connexion en deux étapes", submit: "Se connecter", recovery: "Téléphone perdu ? Utilisez un code de secours", recoverySubmit: "Se connecter avec un code de secours", enabledMail: /deux étapes est activée/, save: "Enregistrer la règle", on: "Activée", reset: "Réinitialiser la connexion en deux étapes de" },
} as const;

/** What the person's app would show `offsetSteps` steps from now, computed from the key shown on the page. */
function appCode(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret.replace(/\s+/g, "")), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

async function signOut(page: Page, locale: "fr" | "en") {
  await page.goto(`/${locale}/admin/profile`);
  await Promise.all([page.waitForURL(/\/sign-in/), page.getByRole("button", { name: words[locale].signOut }).click()]);
}

async function passwordStep(page: Page, locale: "fr" | "en", email: string, password: string) {
  await page.goto(`/${locale}/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await Promise.all([page.waitForURL(/\/sign-in\/second-step$/), page.click("form button[type=submit]")]);
}

describe("two-step sign-in", { concurrency: true }, () => {
  for (const { js, locale } of [{ js: true, locale: "en" }, { js: false, locale: "fr" }] as const) {
    it(`enrol an authenticator app, sign out, sign in with a code, then with a recovery code (${locale}, JavaScript ${js ? "on" : "off"})`, async () => {
      const { context, page } = await newPage(browser, { js });
      const owner = await signUpOrganization(page, { locale });
      await page.goto(`/${locale}/admin/profile/two-step`);
      await page.getByRole("button", { name: texts[locale].start }).click();
      const secret = ((await page.locator("[data-testid=totp-secret]").textContent()) ?? "").trim();
      assert.match(secret, /^[A-Z2-7 ]{32,}$/);
      assert.equal(await page.locator("[role=img] svg").count(), 1);
      await assertAccessible(page);

      // A wrong code first: a clear error, nothing turned on.
      await page.fill("#code", "000000");
      await page.getByRole("button", { name: texts[locale].confirm }).click();
      await page.locator("#code-error").waitFor();
      const mails = mailCount(owner.email);
      await page.fill("#code", appCode(secret));
      await page.getByRole("button", { name: texts[locale].confirm }).click();
      await page.locator("[data-testid=recovery-codes] li").first().waitFor();
      const codes = await page.locator("[data-testid=recovery-codes] li").allTextContents();
      assert.equal(codes.length, 10);
      assert.match((await waitForMail(owner.email, { previous: mails })).subject, texts[locale].enabledMail);
      await assertAccessible(page);

      // The Members page says so on the Admin's row, with the reset (lost phone) beside it.
      await page.goto(`/${locale}/admin/members`);
      const row = memberRow(page, owner.email);
      assert.equal(await row.getByRole("cell").nth(3).textContent(), texts[locale].on);
      assert.equal(await row.getByRole("button", { name: texts[locale].reset }).count(), 1);

      await signOut(page, locale);
      await passwordStep(page, locale, owner.email, owner.password);
      await assertAccessible(page);
      // The code of the next step: the current one was spent confirming the app.
      await page.fill("#code", appCode(secret, 1));
      await Promise.all([page.waitForURL((url) => !url.pathname.includes("/sign-in")), page.getByRole("button", { name: texts[locale].submit, exact: true }).click()]);
      await page.goto(`/${locale}/admin/profile/two-step`);
      assert.equal(new URL(page.url()).pathname, `/${locale}/admin/profile/two-step`);

      await signOut(page, locale);
      await passwordStep(page, locale, owner.email, owner.password);
      await page.locator("summary", { hasText: texts[locale].recovery }).click();
      await page.fill("#recoveryCode", codes[0]!);
      await Promise.all([page.waitForURL((url) => !url.pathname.includes("/sign-in")), page.getByRole("button", { name: texts[locale].recoverySubmit }).click()]);
      await page.goto(`/${locale}/admin/profile/two-step`);
      assert.match((await page.locator("[data-testid=recovery-left]").textContent()) ?? "", /9/);

      // The same recovery code does not work twice.
      await signOut(page, locale);
      await passwordStep(page, locale, owner.email, owner.password);
      await page.locator("summary", { hasText: texts[locale].recovery }).click();
      await page.fill("#recoveryCode", codes[0]!);
      await page.getByRole("button", { name: texts[locale].recoverySubmit }).click();
      await page.locator("#recoveryCode-error").waitFor();
      assert.equal(new URL(page.url()).pathname, `/${locale}/sign-in/second-step`);
      await context.close();
    });
  }

  it("an organization rule with a grace period sends a member to set-up at sign-in (en, JavaScript off)", async () => {
    const admin = await newPage(browser, { js: false });
    await signIn(admin.page, "admin@example.com");
    const setRule = async (requiredFor: "everyone" | "off", graceDays: string) => {
      await admin.page.goto("/en/admin/authentication");
      await admin.page.check(`input[name=requiredFor][value=${requiredFor}]`);
      await admin.page.fill("#graceDays", graceDays);
      await admin.page.getByRole("button", { name: texts.en.save }).click();
      await admin.page.locator("#two-step-policy-title ~ form [role=status]", { hasText: "The rule is saved." }).waitFor();
    };
    try {
      await admin.page.goto("/en/admin/authentication");
      assert.match((await admin.page.locator("[data-testid=policy-impact-everyone]").textContent()) ?? "", /member@example\.com/);
      await assertAccessible(admin.page);
      await setRule("everyone", "7");

      const member = await newPage(browser, { js: false });
      await member.page.goto("/en/sign-in");
      await member.page.fill("#email", "member@example.com");
      await member.page.fill("#password", demoPassword);
      await Promise.all([member.page.waitForURL(/\/admin\/profile\/two-step$/), member.page.click("form button[type=submit]")]);
      assert.match((await member.page.locator("[data-testid=two-step-required]").textContent()) ?? "", /requires two-step sign-in/);
      await assertAccessible(member.page);
      // During the grace period the rest of the console stays open.
      await member.page.goto("/en/studio");
      assert.equal(new URL(member.page.url()).pathname, "/en/studio");
      await member.context.close();

      await admin.page.goto("/en/admin/members");
      assert.equal(await memberRow(admin.page, "member@example.com").getByRole("cell").nth(3).textContent(), "Off");
    } finally {
      await setRule("off", "0");
      await admin.context.close();
    }
  });
});
