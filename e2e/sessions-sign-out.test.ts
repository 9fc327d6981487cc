import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { assertAccessible, launchBrowser, newPage, signUpOrganization } from "./support";
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
    it(`a cookie replayed after sign-out lands on sign-in (${locale}, JavaScript ${js ? "on" : "off"})`, async () => {
      const { context, page } = await newPage(browser, { js });
      await signUpOrganization(page, { locale });
      const saved = await context.storageState();
      await Promise.all([page.waitForURL(/\/sign-in/), page.getByRole("button", { name: words[locale].signOut, exact: true }).click()]);

      // Another browser holding a copy of the cookie taken before the sign-out.
      const { context: replay, page: replayed } = await newPage(browser, { js });
      await replay.addCookies(saved.cookies);
      await assertOnSignIn(replayed, locale, "/admin/profile");
      await assertAccessible(replayed);
      await replay.close();
      await context.close();
    });
  }
});
