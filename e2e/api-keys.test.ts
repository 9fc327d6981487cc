import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { assertAccessible, baseUrl, errorSummaryText, launchBrowser, newPage, signIn, signUpOrganization } from "./support";

type Catalogue = { AuditExport: Record<string, string>; ApiKeysPage: Record<string, string> & { status: Record<string, string> }; Errors: Record<string, string>; Console: Record<string, string> };
const catalogues: Record<"en" | "fr", Catalogue> = {
  en: JSON.parse(fs.readFileSync("messages/en.json", "utf8")) as Catalogue,
  fr: JSON.parse(fs.readFileSync("messages/fr.json", "utf8")) as Catalogue,
};
const run = promisify(execFile);

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

async function submit(page: Page, field: string) {
  await page.click(`form:has(${field}) button[type=submit]`);
  await page.waitForLoadState("networkidle");
}

/** curl, as a person following the README would call the API. */
async function curl(args: string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await run("curl", ["-sS", "-w", "\n%{http_code}", ...args]);
  const cut = stdout.lastIndexOf("\n");
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

const combinations = [
  { locale: "en", js: true },
  { locale: "fr", js: false },
  { locale: "fr", js: true },
  { locale: "en", js: false },
] as const;

describe("API keys", () => {
  for (const { locale, js } of combinations) {
    it(`an Admin creates a key that renames the organization with curl, then revokes it (${locale}, JavaScript ${js ? "on" : "off"})`, async () => {
      const t = catalogues[locale];
      const { context, page } = await newPage(browser, { js });
      await signUpOrganization(page, { locale });
      await page.getByRole("link", { name: t.Console.apiKeys! }).click();
      await page.waitForURL(new RegExp(`/${locale}/admin/api-keys$`));
      assert.equal(await page.locator("h1").textContent(), t.ApiKeysPage.title);
      assert.equal(await page.getByText(t.ApiKeysPage.empty!).count(), 1);
      assert.equal(await page.isChecked("#scope-organization\\:delete"), false);
      assert.equal(await page.isChecked("#scope-organization\\:export"), false);
      assert.equal(await page.isChecked("#scope-organization\\:write"), true);
      await assertAccessible(page);

      // No name and no scope: both said, nothing created.
      for (const box of await page.locator("input[name=scopes]").all()) await box.uncheck();
      await submit(page, "#name");
      const summary = await errorSummaryText(page);
      assert.match(summary, new RegExp(t.Errors.required!.slice(0, 12)));
      assert.match(summary, new RegExp(t.Errors.scopesRequired!.slice(0, 12)));

      const keyName = `Déploiement ${locale} ${js ? "js" : "nojs"}`;
      await page.fill("#name", keyName);
      await page.check("#scope-organization\\:read");
      await page.check("#scope-organization\\:write");
      await page.check("#expiry-30");
      await submit(page, "#name");
      const secret = ((await page.locator("#api-key-secret").textContent()) ?? "").trim();
      assert.match(secret, /^oc_[A-Za-z0-9_-]{40,}$/);
      await assertAccessible(page);

      // The README's curl: read, then rename.
      const read = await curl(["-H", `Authorization: Bearer ${secret}`, `${baseUrl}/api/v1/organization`]);
      assert.equal(read.status, 200);
      const newName = `Renamed by curl ${Date.now().toString(36)}`;
      const renamed = await curl(["-X", "PATCH", "-H", `Authorization: Bearer ${secret}`, "-H", "Content-Type: application/json", "-d", JSON.stringify({ name: newName }), `${baseUrl}/api/v1/organization`]);
      assert.equal(renamed.status, 200, renamed.body);
      await page.goto(`/${locale}/studio`);
      assert.equal(await page.getByTestId("organization-name").textContent(), newName);

      // The audit log names the key, and its CSV download (with the page's filter) does too.
      await page.goto(`/${locale}/admin/audit?action=organization.renamed`);
      await page.getByText(keyName).first().waitFor();
      await assertAccessible(page);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t.AuditExport.csv! }).click()]);
      const csv = fs.readFileSync((await download.path())!, "utf8");
      assert.match(csv.split("\n")[0]!, /^id,createdAt,action,actorKind/);
      assert.match(csv, new RegExp(`,organization\\.renamed,api_key,[0-9a-f-]{36},"${keyName}"`));
      assert.doesNotMatch(csv, /organization\.created/);

      // The list shows the key, last used; revoking it refuses the next call.
      await page.goto(`/${locale}/admin/api-keys`);
      const row = page.getByTestId("api-key-row").filter({ hasText: keyName });
      assert.equal(await row.getByText(t.ApiKeysPage.neverUsed!).count(), 0);
      await row.getByText(t.ApiKeysPage.revoke!).click();
      await row.getByRole("button", { name: t.ApiKeysPage.revokeConfirm!.replace("{name}", keyName) }).click();
      await page.waitForLoadState("networkidle");
      await page.goto(`/${locale}/admin/api-keys`);
      assert.equal(await page.getByTestId("api-key-row").filter({ hasText: keyName }).getByText(t.ApiKeysPage.status.revoked!, { exact: true }).count(), 1);
      const refused = await curl(["-H", `Authorization: Bearer ${secret}`, "-H", `Accept-Language: ${locale}`, `${baseUrl}/api/v1/organization`]);
      assert.equal(refused.status, 401);
      assert.equal(JSON.parse(refused.body).code, "keyRevoked");
      await context.close();
    });
  }

  for (const locale of ["fr", "en"] as const) {
    it(`the API help article shows the scopes and the reference, rendered on the server (${locale}, JavaScript off)`, async () => {
      const { context, page } = await newPage(browser, { js: false });
      await page.goto(`/${locale}/help/api`);
      assert.equal(await page.getByTestId("scopes-table").locator("tbody tr").count(), 9);
      for (const scope of ["organization:delete", "organization:export", "audit:write"]) {
        assert.equal(await page.getByTestId("scopes-table").locator(`tr[data-scope='${scope}']`).count(), 1);
      }
      assert.ok((await page.getByTestId("api-reference").locator("h3").count()) >= 34);
      assert.equal(await page.getByText("GET /api/v1/exports/{exportId}/download", { exact: true }).count(), 1);
      assert.equal(await page.getByText("PATCH /api/v1/organization", { exact: true }).count(), 1);
      await assertAccessible(page);
      await context.close();
    });
  }

  it("a Member cannot open the API keys page", async () => {
    const { context, page } = await newPage(browser, { js: true });
    await signIn(page, "member@example.com", { locale: "en" });
    const response = await page.goto("/en/admin/api-keys");
    assert.notEqual(response?.status(), 200);
    await context.close();
  });
});
