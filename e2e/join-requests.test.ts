import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { assertAccessible, errorSummaryText, newPage, signIn } from "./support";
import { needsDns, organizationWithVerifiedDomain, requestToJoin, setJoinMode, startBrowserAndDns } from "./support-domains";
import { acceptInBrowser, invite, memberRow } from "./support-members";

// Requests to join by email domain, decided on the Members page.
const setup = startBrowserAndDns();

const section = (page: Page) => page.locator("section[aria-labelledby=join-requests-title]");
const row = (page: Page, email: string) => page.locator("[data-testid=join-requests] li", { hasText: email });
const today = (locale: "fr" | "en") => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Europe/Paris" }).format(new Date());

describe("join requests on the Members page", () => {
  it("an Admin approves one without JavaScript in French, refuses one with JavaScript in English; only the approved person signs in", needsDns, async () => {
    const admin = await newPage(setup.browser());
    const { owner, domain } = await organizationWithVerifiedDomain(admin.page, "team", setup.dns()!);
    // No domain asks approval yet: no requests can arrive, so no empty section.
    await admin.page.goto("/en/admin/members");
    assert.equal(await section(admin.page).count(), 0);
    assert.equal(await admin.page.getByTestId("join-requests-waiting").count(), 0);

    await admin.page.goto("/en/admin/authentication");
    await setJoinMode(admin.page, domain, "approval");
    await admin.page.goto("/en/admin/members");
    assert.match((await section(admin.page).textContent()) ?? "", /No request is waiting\./);
    const nora = await requestToJoin(setup.browser(), `nora@${domain}`, "Nora Newcomer");
    const rex = await requestToJoin(setup.browser(), `rex@${domain}`, "Rex Refused");

    const fr = await newPage(setup.browser(), { js: false });
    await signIn(fr.page, owner.email, { password: owner.password, locale: "fr" });
    await fr.page.goto("/fr/admin/members");
    assert.match((await fr.page.getByTestId("join-requests-waiting").textContent()) ?? "", /2 personnes attendent qu’un Admin approuve leur demande/);
    assert.match((await fr.page.getByTestId("join-request-count").textContent()) ?? "", /2 en attente/);
    const noraText = (await row(fr.page, `nora@${domain}`).textContent()) ?? "";
    assert.match(noraText, /Nora Newcomer/);
    assert.ok(noraText.includes(`Domaine ${domain} · demande du ${today("fr")}`), noraText);
    await assertAccessible(fr.page);
    await row(fr.page, `nora@${domain}`).locator("button", { hasText: "Approuver" }).click();
    const frOutcome = fr.page.getByTestId("join-request-outcome").locator(`text=nora@${domain} a rejoint l’organisation en tant que Membre`);
    await frOutcome.waitFor();
    assert.equal(await row(fr.page, `nora@${domain}`).count(), 0);
    assert.equal(await row(fr.page, `rex@${domain}`).count(), 1);
    assert.match((await fr.page.getByTestId("join-request-count").textContent()) ?? "", /1 en attente/);
    assert.equal(await memberRow(fr.page, `nora@${domain}`).count(), 1);

    await admin.page.goto("/en/admin/members");
    assert.match((await admin.page.getByTestId("join-requests-waiting").textContent()) ?? "", /1 person is waiting/);
    assert.ok(((await row(admin.page, `rex@${domain}`).textContent()) ?? "").includes(`Domain ${domain} · asked on ${today("en")}`));
    await row(admin.page, `rex@${domain}`).locator("button", { hasText: "Refuse" }).click();
    await admin.page.getByTestId("join-request-outcome").locator(`text=The request of rex@${domain} was refused. No account was created.`).waitFor();
    await section(admin.page).locator("text=No request is waiting.").waitFor();
    // The confirmation is announced: it sits in a polite live region.
    assert.equal(await admin.page.getByTestId("join-request-outcome").getAttribute("aria-live"), "polite");
    await assertAccessible(admin.page);

    await signIn(nora.page, `nora@${domain}`, { password: nora.password });
    assert.match(nora.page.url(), /\/en\/studio/);
    await rex.page.goto("/en/sign-in");
    await rex.page.fill("#email", `rex@${domain}`);
    await rex.page.fill("#password", rex.password);
    await rex.page.click("form button[type=submit]");
    assert.match(await errorSummaryText(rex.page), /The email or password is incorrect/);
    assert.match(rex.page.url(), /\/en\/sign-in/);
    await Promise.all([admin.context.close(), fr.context.close(), nora.context.close(), rex.context.close()]);
  });

  it("a Member and a Billing-only person do not see requests to join", needsDns, async () => {
    const admin = await newPage(setup.browser());
    const { domain } = await organizationWithVerifiedDomain(admin.page, "team", setup.dns()!);
    await setJoinMode(admin.page, domain, "approval");
    const waiting = await requestToJoin(setup.browser(), `wes@${domain}`, "Wes Waiting");
    const member = await invite(admin.page);
    const billing = await invite(admin.page, { billing: true });
    await admin.page.goto("/en/admin/members");
    await row(admin.page, `wes@${domain}`).waitFor();

    for (const link of [member.link, billing.link]) {
      const person = await acceptInBrowser(setup.browser(), link);
      for (const path of ["/en/admin/members", "/en/admin/authentication"]) {
        assert.equal((await person.page.goto(path))?.status(), 403);
        assert.equal(await person.page.getByTestId("join-requests").count(), 0);
      }
      await person.page.goto("/en/admin");
      assert.equal(await person.page.getByTestId("join-requests-waiting").count(), 0);
      assert.ok(!((await person.page.textContent("body")) ?? "").includes(`wes@${domain}`));
      await person.context.close();
    }
    await Promise.all([admin.context.close(), waiting.context.close()]);
  });
});
