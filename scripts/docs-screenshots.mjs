// Screenshots of the real console for the help center, in each language, with numbered callouts.
// Usage: npm run build && npm run docs:screenshots   (NEXT_DIST_DIR and DOCS_PORT are honoured)
// Starts `next start` on its own port over a fresh embedded database (the demo data), drives
// Chromium, and writes public/help/<locale>/<name>.webp plus public/help/manifest.json (sizes).
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

if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
  console.error(`No production build in ${distDir}: run \`npm run build\` first.`);
  process.exit(1);
}
try {
  await fetch(`${baseUrl}/api/health`);
  console.error(`Port ${port} is already in use; set DOCS_PORT.`);
  process.exit(1);
} catch {}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "org-console-docs-"));
const env = { ...process.env, PORT: String(port), PGLITE_DIR: path.join(dataDir, "pglite") };
delete env.DATABASE_URL;
env.AUTH_SECRET ??= "docs-secret-not-for-production-000000000000";
const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
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
};

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
  for (const locale of locales) {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: locale === "fr" ? "fr-FR" : "en-US" });
    const page = await context.newPage();
    await page.goto(`/${locale}/sign-in`);
    await page.fill("#email", "admin@example.com");
    await page.fill("#password", "correct-horse-battery");
    await Promise.all([page.waitForURL((url) => !url.pathname.endsWith("/sign-in")), page.click("form button[type=submit]")]);
    fs.mkdirSync(path.join(outDir, locale), { recursive: true });
    for (const [name, take] of Object.entries(shots)) {
      const how = await take(page, locale);
      if (!how) {
        console.warn(`skipped ${locale}/${name}: the page is not there yet`);
        continue;
      }
      await page.evaluate(() => document.fonts.ready);
      const png = how.element ? await page.locator(how.element).screenshot() : await page.screenshot({ clip: how.clip });
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
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {}
  await new Promise((resolve) => setTimeout(resolve, 500));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
