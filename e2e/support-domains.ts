import { after, before } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startDnsServer } from "../tests/support/dns-server";
import { launchBrowser, newPage, signUpOrganization } from "./support";
import { choosePlan } from "./support-members";
import { mailCount, waitForMail } from "./support-mail";

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

type Dns = Awaited<ReturnType<typeof startDnsServer>>;

/** A new organization on the plan, with a domain verified through the loopback DNS server. */
export async function organizationWithVerifiedDomain(page: Page, plan: "team" | "enterprise", dns: Dns) {
  const owner = await signUpOrganization(page);
  await choosePlan(page, plan);
  await page.goto("/en/admin/authentication");
  const domain = uniqueDomain();
  await addDomain(page, domain);
  const item = domainItem(page, domain);
  dns.setTxt((await item.getByTestId("record-name").textContent())!, [(await item.getByTestId("record-value").textContent())!]);
  await item.locator("button", { hasText: "Verify" }).click();
  await domainItem(page, domain).locator("text=Verified: the TXT record").waitFor();
  await page.waitForLoadState("networkidle");
  return { owner, domain };
}

/** On the English Authentication page (JavaScript on): who may join with an address of the domain. */
export async function setJoinMode(page: Page, domain: string, mode: "auto" | "approval" | "off") {
  await domainItem(page, domain).locator("select[name=joinMode]").selectOption(mode);
  await domainItem(page, domain).locator("button", { hasText: "Save who may join" }).click();
  await domainItem(page, domain).locator("text=Saved.").waitFor();
}

/**
 * Signs up with an address of a domain in approval mode, then opens the link mailed to it: nothing
 * is filed before that; the person lands on "Request sent".
 */
export async function requestToJoin(browser: Browser, email: string, name: string) {
  const { context, page } = await newPage(browser, { js: false });
  await page.goto("/en/sign-up");
  await page.fill("#organizationName", "Ignored");
  await page.fill("#name", name);
  await page.fill("#email", email);
  await page.fill("#password", "a-long-e2e-password");
  const previous = mailCount(email);
  await page.click("form button[type=submit]");
  await page.locator("[data-testid=check-inbox]").waitFor();
  const mail = await waitForMail(email, { previous });
  await page.goto(mail.path);
  await Promise.all([page.waitForURL(/\/en\/join-requested$/), page.click("form button[type=submit]")]);
  return { context, page, password: "a-long-e2e-password" };
}
