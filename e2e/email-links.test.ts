import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { assertAccessible, errorSummaryText, newPage, signIn, signUpOrganization, uniqueEmail } from "./support";
import { addDomain, domainItem, needsDns, startBrowserAndDns, uniqueDomain } from "./support-domains";
import { mailCount, waitForMail } from "./support-mail";
import { choosePlan } from "./support-members";

// Links sent by email: confirming a sign-up through an email domain, and resetting a forgotten password.
const setup = startBrowserAndDns();

/** A Team organization whose Admin verified a domain and chose who may join with it. */
async function teamWithJoinableDomain(page: Page, mode: "auto" | "approval") {
  await signUpOrganization(page);
  await choosePlan(page, "team");
  await page.goto("/en/admin/authentication");
  const domain = uniqueDomain();
  await addDomain(page, domain);
  const item = domainItem(page, domain);
  setup.dns()!.setTxt((await item.getByTestId("record-name").textContent())!, [(await item.getByTestId("record-value").textContent())!]);
  await item.locator("button", { hasText: "Verify" }).click();
  await domainItem(page, domain).locator("text=Verified: the TXT record").waitFor();
  await page.waitForLoadState("networkidle");
  await setJoinMode(page, domain, mode);
  return domain;
}

async function setJoinMode(page: Page, domain: string, mode: "off" | "auto" | "approval") {
  await page.goto("/en/admin/authentication");
  await domainItem(page, domain).locator("select[name=joinMode]").selectOption(mode);
  await domainItem(page, domain).locator("button", { hasText: "Save who may join" }).click();
  await domainItem(page, domain).locator("text=Saved.").waitFor();
  await page.waitForLoadState("networkidle");
}

async function fillSignUp(page: Page, locale: "fr" | "en", email: string) {
  await page.goto(`/${locale}/sign-up`);
  await page.fill("#organizationName", "Ignored");
  await page.fill("#name", "Léa Newcomer");
  await page.fill("#email", email);
  await page.fill("#password", "a-long-e2e-password");
  await page.click("form button[type=submit]");
}

describe("joining by email domain through the emailed link", () => {
  it("automatic mode, in French without JavaScript: check your inbox, open the link, confirm, and you are in", needsDns, async () => {
    const admin = await newPage(setup.browser());
    const domain = await teamWithJoinableDomain(admin.page, "auto");
    const email = `lea@${domain}`;

    const { context, page } = await newPage(setup.browser(), { js: false });
    await fillSignUp(page, "fr", email);
    const inbox = page.getByTestId("check-inbox");
    await inbox.waitFor();
    assert.match((await inbox.textContent()) ?? "", /Consultez votre messagerie/);
    assert.match((await inbox.textContent()) ?? "", new RegExp(email.replace(/\./g, "\\.")));
    await assertAccessible(page);

    const mail = await waitForMail(email);
    assert.match(mail.subject, /^Confirmez votre adresse e-mail pour rejoindre /);
    assert.match(mail.text, /Bonjour Léa Newcomer/);
    assert.match(mail.path, /^\/fr\/confirm-join\?token=[A-Za-z0-9_-]{43}$/);

    // Opening the link (as a mail scanner would) confirms nothing: the account does not exist yet.
    await page.goto(mail.path);
    await page.goto(mail.path);
    assert.equal(await page.locator("h1").textContent(), "Confirmez votre adresse e-mail");
    assert.match((await page.locator("main").textContent()) ?? "", /en tant que Membre/);
    await assertAccessible(page);

    await Promise.all([page.waitForURL(/\/fr\/studio/), page.click("form button[type=submit]")]);
    await page.goto("/fr/admin/profile");
    assert.match((await page.locator("main").textContent()) ?? "", new RegExp(email.replace(/\./g, "\\.")));

    // The link works once.
    const again = await newPage(setup.browser(), { js: false });
    await again.page.goto(mail.path);
    assert.equal(await again.page.locator("h1").textContent(), "Ce lien a déjà été utilisé");
    await assertAccessible(again.page);
    await Promise.all([admin.context.close(), context.close(), again.context.close()]);
  });

  it("approval mode, in English with JavaScript: a domain turned off meanwhile refuses the link, turned on again it files the request", needsDns, async () => {
    const admin = await newPage(setup.browser());
    const domain = await teamWithJoinableDomain(admin.page, "approval");
    const email = `max@${domain}`;

    const { context, page } = await newPage(setup.browser());
    await fillSignUp(page, "en", email);
    await page.getByTestId("check-inbox").locator("text=Check your inbox").waitFor();
    assert.match(page.url(), /\/en\/sign-up$/);
    const mail = await waitForMail(email);
    assert.match(mail.subject, /^Confirm your email address to join /);

    await setJoinMode(admin.page, domain, "off");
    await page.goto(mail.path);
    assert.equal(await page.locator("h1").textContent(), "This organization no longer accepts sign-ups by email domain");
    await assertAccessible(page);

    await setJoinMode(admin.page, domain, "approval");
    await page.goto(mail.path);
    assert.match((await page.locator("main").textContent()) ?? "", /Its Admins approve newcomers/);
    await assertAccessible(page);
    await Promise.all([page.waitForURL(/\/en\/join-requested$/), page.click("form button[type=submit]")]);
    assert.equal(await page.locator("h1").textContent(), "Request sent");

    await admin.page.reload();
    await admin.page.locator("[data-testid=join-requests] li", { hasText: email }).waitFor();
    await Promise.all([admin.context.close(), context.close()]);
  });

  it("an ordinary email still creates an organization at once, with no mail", async () => {
    const { context, page } = await newPage(setup.browser());
    const owner = await signUpOrganization(page);
    assert.equal(mailCount(owner.email), 0);
    await context.close();
  });
});

describe("forgot password", () => {
  for (const { locale, js } of [
    { locale: "en", js: true },
    { locale: "fr", js: false },
  ] as const) {
    it(`a person resets a forgotten password by the emailed link and signs in with it; older sessions end (${locale}, JavaScript ${js ? "on" : "off"})`, async () => {
      const owner = await newPage(setup.browser());
      const account = await signUpOrganization(owner.page, { locale });
      const text = locale === "en"
        ? { forgot: "Forgot your password?", inbox: "Check your inbox", subject: "Reset your Org Console password", choose: "Choose a new password", used: "This link has already been used", changed: /Your password has been changed/, gone: /Your password was reset/ }
        : { forgot: "Mot de passe oublié ?", inbox: "Consultez votre messagerie", subject: "Réinitialisez votre mot de passe Org Console", choose: "Choisissez un nouveau mot de passe", used: "Ce lien a déjà été utilisé", changed: /Votre mot de passe a été modifié/, gone: /Votre mot de passe a été réinitialisé/ };

      const { context, page } = await newPage(setup.browser(), { js });
      await page.goto(`/${locale}/sign-in`);
      await Promise.all([page.waitForURL(new RegExp(`/${locale}/forgot-password$`)), page.click(`text=${text.forgot}`)]);
      await assertAccessible(page);
      await page.fill("#email", "not an email");
      await page.click("form button[type=submit]");
      assert.ok((await errorSummaryText(page)).length > 0);
      assert.equal(await page.inputValue("#email"), "not an email");
      await page.fill("#email", account.email.toUpperCase());
      await page.click("form button[type=submit]");
      const answer = page.getByTestId("check-inbox");
      await answer.waitFor();
      assert.match((await answer.textContent()) ?? "", new RegExp(text.inbox));
      await assertAccessible(page);

      const mail = await waitForMail(account.email);
      assert.equal(mail.subject, text.subject);
      assert.match(mail.path, new RegExp(`^/${locale}/reset-password\\?token=[A-Za-z0-9_-]{43}$`));
      await page.goto(mail.path);
      assert.equal(await page.locator("h1").textContent(), text.choose);
      await assertAccessible(page);
      await page.fill("#newPassword", "a-fresh-password-1");
      await page.fill("#confirmPassword", "a-fresh-password-2");
      await page.click("form button[type=submit]");
      assert.ok((await errorSummaryText(page)).length > 0);
      await page.fill("#newPassword", "a-fresh-password-1");
      await page.fill("#confirmPassword", "a-fresh-password-1");
      await Promise.all([page.waitForURL(/\/sign-in\?reset=done$/), page.click("form button[type=submit]")]);
      assert.match((await page.locator("main [role=status]").first().textContent()) ?? "", text.changed);
      await assertAccessible(page);

      // The session signed in before the reset has ended.
      await owner.page.goto(`/${locale}/studio`);
      await owner.page.waitForURL(/\/sign-in\?ended=passwordReset&/);
      assert.match((await owner.page.locator("[data-testid=session-ended]").textContent()) ?? "", text.gone);

      // The old password no longer works, the new one does.
      await page.fill("#email", account.email);
      await page.fill("#password", account.password);
      await page.click("form button[type=submit]");
      assert.ok((await errorSummaryText(page)).length > 0);
      await signIn(page, account.email, { password: "a-fresh-password-1", locale });
      assert.match(page.url(), /\/(studio|admin)/);

      // The link works once.
      const again = await newPage(setup.browser(), { js: false });
      await again.page.goto(mail.path);
      assert.equal(await again.page.locator("h1").textContent(), text.used);
      await Promise.all([owner.context.close(), context.close(), again.context.close()]);
    });
  }

  it("an unknown email gets the same answer, and no mail", async () => {
    const { context, page } = await newPage(setup.browser(), { js: false });
    const nobody = uniqueEmail("nobody");
    await page.goto("/en/forgot-password");
    await page.fill("#email", nobody);
    await page.click("form button[type=submit]");
    const answer = (await page.getByTestId("check-inbox").textContent()) ?? "";
    assert.match(answer, new RegExp(`If an account uses ${nobody.replace(/\./g, "\\.")}, we have sent it an email`));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(mailCount(nobody), 0);
    await context.close();
  });
});
