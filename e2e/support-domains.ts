import { after, before } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startDnsServer } from "../tests/support/dns-server";
import { launchBrowser } from "./support";

// The server under test resolves through DNS_SERVER; the file using these hooks answers there.
const dnsPort = Number((process.env.DNS_SERVER ?? "").split(":")[1]);

// Without it the server would ask the real DNS: those tests are skipped (and say so) rather than touch the network.
export const needsDns = { skip: dnsPort > 0 ? false : "run with DNS_SERVER=127.0.0.1:<free port> (README)" };

/** Registers hooks that start a browser and the loopback DNS server for one test file, and stop them. */
export function startBrowserAndDns() {
  let browser: Browser | undefined;
  let dns: Awaited<ReturnType<typeof startDnsServer>> | undefined;
  before(async () => {
    [browser, dns] = await Promise.all([launchBrowser(), dnsPort > 0 ? startDnsServer({ port: dnsPort }) : undefined]);
  });
  after(async () => {
    await Promise.all([browser?.close(), dns?.close()]);
  });
  return { browser: () => browser!, dns: () => dns };
}

export const uniqueDomain = () => `e2e-${Math.random().toString(36).slice(2, 10)}.example`;

export function domainItem(page: Page, domain: string) {
  return page.locator("li", { has: page.locator("h3", { hasText: domain }) });
}

export async function addDomain(page: Page, domain: string) {
  await page.fill("#domain", domain);
  await page.click("#add-domain-title ~ form button[type=submit]");
  await domainItem(page, domain).waitFor();
}
