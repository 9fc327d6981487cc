// Screenshots of the real console for the help center, in each language, with numbered callouts.
// Usage: npm run build && npm run docs:screenshots [-- name…]   (NEXT_DIST_DIR and DOCS_PORT are honoured)
// Starts `npm start`'s server (server.mjs) on its own port over a fresh embedded database (the demo data), drives
// Chromium, and writes public/help/<locale>/<name>.webp plus public/help/manifest.json (sizes).
// Names given on the command line retake only those shots; the others' files stay as they are.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const port = Number(process.env.DOCS_PORT ?? 3213);
const baseUrl = `http://127.0.0.1:${port}`;
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const outDir = path.join("public", "help");
const locales = ["en", "fr"];
const maxWidth = 1200;
const only = process.argv.slice(2);

if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
  console.error(`No production build in ${distDir}: run \`npm run build\` first.`);
  process.exit(1);
}
try {
  await fetch(`${baseUrl}/api/health`);
  console.error(`Port ${port} is already in use; set DOCS_PORT.`);
  process.exit(1);
} catch {}

// The Authentication shots verify a domain: the server asks this loopback DNS server, never the network.
// Run through tsx (see package.json), so the test helpers written in TypeScript load here.
const { startDnsServer } = await import("../tests/support/dns-server.ts");
const { throwawayCertificate } = await import("../tests/support/saml-idp.ts");
const dns = await startDnsServer();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "org-console-docs-"));
// A production build: the public origin and the demo accounts must be asked for explicitly.
const env = { ...process.env, PORT: String(port), PGLITE_DIR: path.join(dataDir, "pglite"), DNS_SERVER: dns.address, APP_URL: `http://127.0.0.1:${port}`, SEED_DEMO: "true" };
delete env.DATABASE_URL;
env.AUTH_SECRET ??= "docs-secret-not-for-production-000000000000";
env.ENCRYPTION_KEY ??= Buffer.alloc(32, 5).toString("base64");
const server = spawn(process.execPath, ["server.mjs", "-p", String(port), "-H", "127.0.0.1"], {
  env,
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});

async function waitForHealth() {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not become healthy in 90 s");
}

/** Draws a red frame and a numbered disc on each element, as the article's "(1)", "(2)" say. */
async function drawCallouts(page, targets) {
  await page.evaluate((items) => {
    for (const { selector, number, side = "right" } of items) {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`no element for callout ${number}: ${selector}`);
      const box = element.getBoundingClientRect();
      const frame = document.createElement("div");
      Object.assign(frame.style, {
        position: "absolute", left: `${box.left + scrollX - 4}px`, top: `${box.top + scrollY - 4}px`,
        width: `${box.width + 8}px`, height: `${box.height + 8}px`, border: "3px solid #b91c1c",
        borderRadius: "8px", zIndex: "9998", pointerEvents: "none",
      });
      const disc = document.createElement("div");
      disc.textContent = String(number);
      Object.assign(disc.style, {
        position: "absolute", left: `${side === "right" ? box.right + scrollX + 8 : box.left + scrollX - 40}px`, top: `${box.top + scrollY + box.height / 2 - 14}px`,
        width: "28px", height: "28px", borderRadius: "50%", background: "#b91c1c", color: "#fff",
        font: "bold 16px/28px system-ui, sans-serif", textAlign: "center", zIndex: "9999",
        boxShadow: "0 0 0 3px #fff", pointerEvents: "none",
      });
      document.body.append(frame, disc);
    }
  }, targets);
}

/** PNG → WebP (quality 0.8), scaled down to maxWidth, encoded by Chromium itself: no extra dependency. */
async function toWebp(browser, png) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async ({ data, maxWidth }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const scale = Math.min(1, maxWidth / image.naturalWidth);
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(image.naturalWidth * scale);
      canvas.height = Math.round(image.naturalHeight * scale);
      const context = canvas.getContext("2d");
      context.imageSmoothingQuality = "high";
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      return { url: canvas.toDataURL("image/webp", 0.8), width: canvas.width, height: canvas.height };
    }, { data: png.toString("base64"), maxWidth });
  } finally {
    await page.close();
  }
}

/**
 * Makes the demo organization look like a configured Enterprise one, through the console itself:
 * plan Enterprise, acme.example verified, join by approval, an identity provider, SSO required.
 */
async function prepareAuthentication(page) {
  await page.goto("/en/admin/billing?plan=enterprise");
  await Promise.all([page.waitForURL(/changed=enterprise/), page.click("[data-testid=plan-change-preview] button[type=submit]")]);
  await page.goto("/en/admin/authentication");
  await page.fill("#domain", "acme.example");
  await page.click("#add-domain-title ~ form button[type=submit]");
  const item = page.locator("li", { has: page.locator("h3", { hasText: "acme.example" }) });
  await item.getByTestId("record-name").waitFor();
  dns.setTxt(await item.getByTestId("record-name").textContent(), [await item.getByTestId("record-value").textContent()]);
  await item.locator("button", { hasText: "Verify" }).click();
  await item.locator("text=Verified: the TXT record").waitFor();
  await page.waitForLoadState("networkidle");
  await item.locator("select[name=joinMode]").selectOption("approval");
  await item.locator("button", { hasText: "Save who may join" }).click();
  await item.locator("text=Saved.").waitFor();
  await page.fill("#idpEntityId", "https://login.acme.example/saml/metadata");
  await page.fill("#idpSsoUrl", "https://login.acme.example/saml/sso");
  await page.fill("#idpCertificate", throwawayCertificate("login.acme.example", 730).certificate);
  await page.click("#sso-title ~ div form:has(#idpEntityId) button[type=submit]");
  await page.locator("text=Identity provider saved.").waitFor();
  await page.waitForLoadState("networkidle");
  await page.locator("button", { hasText: "Require single sign-on" }).click();
  await page.locator("text=From now on, people of acme.example").waitFor();
}

/** An element with room on its sides, so callouts drawn beside it stay in the picture. */
async function around(page, selector, margin = 48) {
  const box = await page.locator(selector).boundingBox();
  const x = Math.max(0, box.x - margin);
  const y = Math.max(0, box.y - 12);
  return { clip: { x, y, width: box.width + box.x - x + margin, height: box.height + box.y - y + 12 }, fullPage: true };
}

const shots = {
  "studio-menu": async (page, locale) => {
    await page.goto(`/${locale}/studio`);
    await page.click("header summary");
    await drawCallouts(page, [
      { selector: "header summary", number: 1 },
      { selector: `header nav a[href="/${locale}/admin"]`, number: 2 },
    ]);
    return { clip: { x: 112, y: 0, width: 1056, height: 360 } };
  },
  "console-organization-link": async (page, locale) => {
    await page.goto(`/${locale}/admin`);
    await drawCallouts(page, [{ selector: `aside nav a[href="/${locale}/admin/organization"]`, number: 1, side: "left" }]);
    return { clip: { x: 0, y: 0, width: 1280, height: 560 } };
  },
  "organization-danger-zone": async (page, locale) => {
    const response = await page.goto(`/${locale}/admin/organization`);
    if (response?.status() !== 200) return null;
    const zone = "section[aria-labelledby=danger-zone-title]";
    return { element: (await page.locator(zone).count()) > 0 ? zone : "main" };
  },
  "authentication-domain": async (page, locale) => {
    await page.goto(`/${locale}/admin/authentication`);
    await page.waitForLoadState("networkidle");
    const card = "section[aria-labelledby=domains-title]";
    await drawCallouts(page, [
      { selector: `${card} li > div:first-child`, number: 1, side: "left" },
      { selector: `${card} li select[name=joinMode]`, number: 2 },
    ]);
    return around(page, card);
  },
  "authentication-sso": async (page, locale) => {
    await page.goto(`/${locale}/admin/authentication`);
    await page.waitForLoadState("networkidle");
    // The addresses to give the identity provider show a public console, as readers have, not this local server.
    await page.evaluate((origin) => {
      for (const code of document.querySelectorAll("[data-testid=sp-entity-id], [data-testid=sp-acs-url]")) code.textContent = code.textContent.replace(origin, "https://console.example.com");
    }, baseUrl);
    const card = "section[aria-labelledby=sso-title]";
    await drawCallouts(page, [
      { selector: "section[aria-labelledby=sp-title]", number: 1, side: "left" },
      { selector: "#idpMetadata", number: 2, side: "left" },
      { selector: "section[aria-labelledby=sso-domains-title] li", number: 3, side: "left" },
    ]);
    return around(page, card);
  },
  "two-step-setup": async (page, locale) => {
    await page.goto(`/${locale}/admin/profile/two-step`);
    // The first language starts adding an app; the second finds it waiting for its first code.
    if ((await page.getByTestId("totp-secret").count()) === 0) {
      await page.locator("main form button[type=submit]").first().click();
      await page.getByTestId("totp-secret").waitFor();
    }
    const card = "main section.rounded-lg";
    await drawCallouts(page, [
      { selector: "main [role=img]", number: 1 },
      { selector: "[data-testid=totp-secret]", number: 2, side: "left" },
      { selector: "main #code", number: 3, side: "left" },
    ]);
    return around(page, card);
  },
};
const selected = Object.entries(shots).filter(([name]) => only.length === 0 || only.includes(name));
const unknown = only.filter((name) => !(name in shots));
if (unknown.length > 0) {
  console.error(`Unknown shot(s): ${unknown.join(", ")}. Known: ${Object.keys(shots).join(", ")}.`);
  process.exit(1);
}

let code = 0;
let browser;
try {
  await waitForHealth();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const manifestPath = path.join(outDir, "manifest.json");
  const manifest = fs.existsSync(manifestPath) ? JSON.parse(fs.readFileSync(manifestPath, "utf8")) : {};
  let prepared = false;
  for (const locale of locales) {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: locale === "fr" ? "fr-FR" : "en-US" });
    const page = await context.newPage();
    await page.goto(`/${locale}/sign-in`);
    await page.fill("#email", "admin@example.com");
    await page.fill("#password", "correct-horse-battery");
    await Promise.all([page.waitForURL((url) => !url.pathname.endsWith("/sign-in")), page.click("form button[type=submit]")]);
    fs.mkdirSync(path.join(outDir, locale), { recursive: true });
    for (const [name, take] of selected) {
      if (name.startsWith("authentication-") && !prepared) {
        const setupPage = await context.newPage();
        await prepareAuthentication(setupPage);
        await setupPage.close();
        prepared = true;
      }
      const how = await take(page, locale);
      if (!how) {
        console.warn(`skipped ${locale}/${name}: the page is not there yet`);
        continue;
      }
      await page.evaluate(() => document.fonts.ready);
      const png = how.element ? await page.locator(how.element).screenshot() : await page.screenshot({ clip: how.clip, fullPage: how.fullPage ?? false });
      const webp = await toWebp(browser, png);
      const file = `${locale}/${name}.webp`;
      fs.writeFileSync(path.join(outDir, file), Buffer.from(webp.url.split(",")[1], "base64"));
      manifest[`${locale}/${name}`] = { file, width: webp.width, height: webp.height };
      console.log(`${file}: ${webp.width}×${webp.height}, ${Math.round(fs.statSync(path.join(outDir, file)).size / 1024)} KiB`);
    }
    await context.close();
  }
  fs.writeFileSync(manifestPath, `${JSON.stringify(Object.fromEntries(Object.entries(manifest).sort()), null, 2)}\n`);
} catch (error) {
  console.error(error);
  code = 1;
} finally {
  await browser?.close();
  await dns.close();
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {}
  await new Promise((resolve) => setTimeout(resolve, 500));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
