import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startTestIdp, throwawayCertificate } from "../tests/support/saml-idp";
import { assertAccessible, newPage, signIn } from "./support";
import { needsDns, organizationWithVerifiedDomain, requestToJoin, setJoinMode, startBrowserAndDns } from "./support-domains";
import { memberRow } from "./support-members";

// What leaving Enterprise does to SSO and joining by email domain, said before it happens.
const setup = startBrowserAndDns();

const expected = {
  en: (domain: string) => [
    "SSO with SAML: 1 person can sign in through single sign-on today; from now on they sign in with their password.",
    `Single sign-on is no longer mandatory for ${domain}.`,
    "1 of them got their account through single sign-on and has no password they know: they choose one with Forgot your password? on the sign-in page.",
    "Your identity provider settings are kept, unused, and work again if you return to Enterprise.",
    `Sign-in by email domain: addresses at ${domain} no longer let people join the organization.`,
    "1 request to join is waiting: after the change it can only be refused.",
    "No account, chat, domain, SSO configuration or other data is removed.",
  ],
  fr: (domain: string) => [
    "SSO SAML\u00a0: 1 personne peut aujourd’hui se connecter par authentification unique\u202f; elle se connectera désormais avec son mot de passe.",
    `L’authentification unique n’est plus obligatoire pour ${domain}.`,
    "1 d’entre elles a obtenu son compte par authentification unique et ne connaît aucun mot de passe\u00a0: elle en choisira un avec Mot de passe oublié\u202f? sur la page de connexion.",
    "Les réglages de votre fournisseur d’identité sont conservés, inutilisés, et fonctionneront de nouveau si vous revenez à la formule Entreprise.",
    `Connexion par domaine e-mail\u00a0: les adresses de ${domain} ne permettent plus de rejoindre l’organisation.`,
    "1 demande pour rejoindre l’organisation est en attente\u00a0: après le changement, elle ne pourra qu’être refusée.",
    "Aucun compte, aucune conversation, aucun domaine, aucune configuration SSO ni aucune autre donnée n’est supprimé.",
  ],
};

describe("leaving Enterprise with SSO and joining by email domain in use", () => {
  for (const [js, locale] of [[true, "en"], [false, "fr"]] as const) {
    it(`the Billing person is told which domains and people are affected, then nothing is deleted (JavaScript ${js ? "on" : "off"}, ${locale})`, needsDns, async () => {
      const keys = throwawayCertificate();
      const idp = await startTestIdp({ privateKey: keys.privateKey });
      try {
        // An Enterprise organization: verified domain, identity provider, SSO mandatory, approval mode.
        const admin = await newPage(setup.browser());
        const { owner, domain } = await organizationWithVerifiedDomain(admin.page, "enterprise", setup.dns()!);
        const organizationId = /\/api\/saml\/([0-9a-f-]{36})\/acs$/.exec((await admin.page.getByTestId("sp-acs-url").textContent()) ?? "")![1]!;
        await admin.page.fill("#idpEntityId", "https://idp.test.example/metadata");
        await admin.page.fill("#idpSsoUrl", idp.ssoUrl);
        await admin.page.fill("#idpCertificate", keys.certificate);
        await admin.page.click("#sso-title ~ div form:has(#idpEntityId) button[type=submit]");
        await admin.page.locator("text=Identity provider saved.").waitFor();
        await admin.page.waitForLoadState("networkidle");
        await admin.page.locator("button", { hasText: "Require single sign-on" }).click();
        await admin.page.locator(`text=From now on, people of ${domain} sign in with single sign-on only`).waitFor();
        await admin.page.waitForLoadState("networkidle");
        await setJoinMode(admin.page, domain, "approval");
        // One account made by SSO (no password its owner knows), one request waiting.
        idp.state.email = `sam@${domain}`;
        const sam = await newPage(setup.browser(), { js: false });
        await sam.page.goto("/en/sign-in");
        await sam.page.click("text=Sign in with single sign-on (SSO)");
        await sam.page.fill("#email", `sam@${domain}`);
        await Promise.all([sam.page.waitForURL(/\/api\/saml\/[0-9a-f-]{36}\/start/), sam.page.click("form button[type=submit]")]);
        await sam.page.locator("button", { hasText: "Continue" }).click();
        await Promise.all([sam.page.waitForURL(/\/en\/studio/), sam.page.click("button")]);
        const waiting = await requestToJoin(setup.browser(), `wes@${domain}`, "Wes Waiting");

        const { context, page } = await newPage(setup.browser(), { js });
        await signIn(page, owner.email, { password: owner.password, locale });
        await page.goto(`/${locale}/admin/billing`);
        await page.check("input[name=plan][value=pro]");
        await Promise.all([page.waitForURL(/plan=pro/), page.click("form:has(input[name=plan]) button[type=submit]")]);
        const preview = page.getByTestId("plan-change-preview");
        // \s also matches the French no-break spaces: both sides compare with plain ones.
        const plain = (text: string) => text.replace(/\s+/g, " ");
        const text = plain((await preview.textContent()) ?? "");
        for (const line of expected[locale](domain)) assert.ok(text.includes(plain(line)), `missing «${line}» in «${text}»`);
        assert.equal(await preview.locator("a", { hasText: locale === "en" ? "Forgot your password?" : "Mot de passe oublié" }).getAttribute("href"), `/${locale}/forgot-password`);
        await assertAccessible(page);
        await Promise.all([page.waitForURL(/changed=pro/), page.click("[data-testid=plan-change-preview] button[type=submit]")]);

        // The configuration is kept but unused: the Authentication page says so, SSO starts no more.
        await page.goto(`/${locale}/admin/authentication`);
        assert.match(
          (await page.getByTestId("sso-off-notice").textContent()) ?? "",
          locale === "en" ? /Single sign-on is off: the Pro plan does not include it/ : /L’authentification unique est désactivée\u00a0: la formule Pro ne la comprend pas/,
        );
        assert.equal(await page.locator(`h3:has-text("${domain}")`).count(), 1);
        const start = await page.request.get(`/api/saml/${organizationId}/start?locale=${locale}`, { maxRedirects: 0 });
        assert.match(start.headers().location ?? "", new RegExp(`/${locale}/sso/error\\?reason=ssoUnavailable`));
        // The waiting request stays, and can only be refused.
        await page.goto(`/${locale}/admin/members`);
        const request = page.locator("[data-testid=join-requests] li", { hasText: `wes@${domain}` });
        await request.waitFor();
        assert.equal(await request.locator("button", { hasText: locale === "en" ? "Approve" : "Approuver" }).count(), 0);
        assert.equal(await request.locator("button", { hasText: locale === "en" ? "Refuse" : "Refuser" }).count(), 1);
        assert.equal(await memberRow(page, `sam@${domain}`).count(), 1);
        await assertAccessible(page);
        await Promise.all([admin.context.close(), sam.context.close(), waiting.context.close(), context.close()]);
      } finally {
        await idp.close();
      }
    });
  }
});
