import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { assertAccessible, launchBrowser, newPage, signUpOrganization } from "./support";
import { acceptInBrowser, choosePlan, invite } from "./support-members";
import { mailCount, waitForMail } from "./support-mail";
import { assertOnSignIn, runs, words } from "./support-sessions";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

describe("sessions you can see and end", { concurrency: true }, () => {
  for (const { js, locale } of runs.slice(0, 2)) {
    it(`an Admin signing a member out everywhere takes effect on the member's next request (${locale}, JavaScript ${js ? "on" : "off"})`, async () => {
      const admin = await newPage(browser, { js });
      await signUpOrganization(admin.page, { locale });
      await choosePlan(admin.page, "team", locale);
      const { email, link } = await invite(admin.page, { locale });
      const member = await acceptInBrowser(browser, link, { name: "Mina Sessions" });
      await member.page.goto(`/${locale}/chat`);
      assert.equal(new URL(member.page.url()).pathname, `/${locale}/chat`);

      const mails = mailCount(email);
      await admin.page.goto(`/${locale}/admin/members`);
      await Promise.all([
        admin.page.waitForURL(/notice=signedOutEverywhere/),
        admin.page.getByRole("button", { name: words[locale].signOutEverywhere("Mina Sessions") }).click(),
      ]);
      await assertAccessible(admin.page);
      await waitForMail(email, { previous: mails });

      await assertOnSignIn(member.page, locale, "/chat");
      assert.equal(await member.page.locator("[data-testid=session-ended]").count(), 1);
      await member.context.close();
      await admin.context.close();
    });
  }
});
