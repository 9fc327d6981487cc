import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { assertAccessible, launchBrowser, newPage, signUpOrganization } from "./support";
import { choosePlan } from "./support-members";

type Received = { body: string; headers: Record<string, string> };

let browser: Browser;
let receiver: http.Server;
const received: Received[] = [];

before(async () => {
  browser = await launchBrowser();
  // The SIEM stand-in: keeps every request and accepts it.
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ body: Buffer.concat(chunks).toString("utf8"), headers: request.headers as Record<string, string> });
      response.writeHead(204).end();
    });
  });
  // A port of this branch's range (E2E_PORT + 1), so parallel runs never meet.
  await new Promise<void>((resolve) => receiver.listen(Number(process.env.E2E_RECEIVER_PORT ?? new URL(process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100").port) + 1, "127.0.0.1", resolve));
});
after(async () => {
  await browser.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const receiverUrl = () => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/org-console`;

describe("audit streaming", () => {
  for (const [js, locale] of [[true, "en"], [false, "fr"], [true, "fr"], [false, "en"]] as const) {
    it(`an Admin on Enterprise adds an endpoint, sends a test event and reads the delivery log (JavaScript ${js ? "on" : "off"}, ${locale})`, async () => {
      const { context, page } = await newPage(browser, { js });
      await signUpOrganization(page, { locale });
      await page.goto(`/${locale}/admin/audit-streaming`);
      // Below Enterprise the page explains what the plan lacks.
      await page.getByTestId("streaming-plan-gate").waitFor();
      await choosePlan(page, "enterprise", locale);
      await page.goto(`/${locale}/admin/audit-streaming`);
      assert.match((await page.locator("h1").textContent()) ?? "", locale === "fr" ? /Diffusion du journal d’audit/ : /Audit streaming/);
      await assertAccessible(page);

      // A private address is refused with a clear message, and the typed value is kept.
      await page.fill("#url", "https://10.0.0.1/hook");
      await page.click("#add-endpoint-title ~ form button[type=submit]");
      await page.locator("#url[aria-invalid=true]").waitFor();
      assert.match((await page.locator("form [role=alert]").first().textContent()) ?? "", locale === "fr" ? /réseau privé/ : /private or internal network/);
      assert.equal(await page.inputValue("#url"), "https://10.0.0.1/hook");

      await page.fill("#url", receiverUrl());
      await page.click("#add-endpoint-title ~ form button[type=submit]");
      const secret = ((await page.getByTestId("signing-secret").textContent()) ?? "").trim();
      assert.match(secret, /^whsec_/);
      await assertAccessible(page);

      if (!js) await page.goto(`/${locale}/admin/audit-streaming`);
      // A new organization: its one endpoint.
      const endpoint = page.getByTestId("endpoint");
      const before = received.length;
      await endpoint.getByTestId("send-test").locator("button").click();
      await page.getByText(locale === "fr" ? /Événement de test livré/ : /Test event delivered/).waitFor();
      const test = received.slice(before).find((request) => request.headers["webhook-id"]?.startsWith("test_"));
      assert.ok(test, "the receiver got the test event");
      assert.equal((new Webhook(secret).verify(test.body, test.headers) as { type: string }).type, "audit.test");

      await page.goto(`/${locale}/admin/audit-streaming`);
      const log = page.getByTestId("delivery-log").last();
      assert.match((await log.textContent()) ?? "", locale === "fr" ? /Événement de test.*Livré.*204/s : /Test event.*Delivered.*204/s);
      await assertAccessible(page);
      await context.close();
    });
  }

  it("the audit log says when the chain was last verified, and the help article explains it", async () => {
    const { context, page } = await newPage(browser);
    await signUpOrganization(page);
    await page.goto("/en/admin/audit");
    assert.match((await page.getByTestId("chain-status").textContent()) ?? "", /not been checked yet|Chain intact/);
    await page.goto("/en/help/audit-log");
    assert.match((await page.locator("h1").textContent()) ?? "", /Audit log/);
    assert.match((await page.locator("pre").last().textContent()) ?? "", /webhook\.verify/);
    await assertAccessible(page);
    await page.goto("/fr/help/audit-log");
    assert.match((await page.locator("h1").textContent()) ?? "", /Journal d’audit/);
    await assertAccessible(page);
    await context.close();
  });
});
