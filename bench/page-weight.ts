// What one visit of a page costs, measured in Chromium (playwright-core, Debian's /usr/bin/chromium):
// first-load JavaScript (gzip of each script body), the number of scripts, the document's size and
// the number of server renders the visit causes (the document plus every RSC fetch: prefetches,
// refreshes) within a quiet window after the load event, each console page in English and in French.
// Shared by bench:page and bench:compare.
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { consoleSections } from "@/lib/core/console-sections";

export type BrowserCookie = { name: string; value: string };

export type PageWeight = {
  label: string;
  path: string;
  /** The path's first segment (`en`, `fr`), or "" for a page outside the locales. */
  locale: string;
  status: number;
  finalPath: string;
  scripts: number;
  jsBytes: number;
  jsGzipBytes: number;
  htmlBytes: number;
  htmlGzipBytes: number;
  /** The document plus each request sent with `RSC: 1` or an `_rsc` parameter. */
  renders: number;
  rscPaths: string[];
};

/**
 * How long to watch after the load event (prefetches start on idle): at least `settleMs`, then until
 * no request has been in flight for a second (a loaded machine starts them late), at most 15 s.
 */
const settleMs = Number(process.env.BENCH_SETTLE_MS ?? 3000);
const quietMs = 1000;
const settleCapMs = 15_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
}

/** `name=value` (a Cookie header of one cookie) as a browser cookie. */
export function parseCookie(header: string): BrowserCookie {
  const at = header.indexOf("=");
  return { name: header.slice(0, at), value: header.slice(at + 1) };
}

const gzipLength = (body: Buffer) => gzipSync(body).length;

/** One visit of `path` in a fresh context (no cache, no cookies but `cookies`). */
export async function measurePageWeight(browser: Browser, origin: string, page: { label: string; path: string }, cookies: BrowserCookie[]): Promise<PageWeight> {
  const locale = /^\/(en|fr)(\/|$)/.exec(page.path)?.[1] ?? "";
  const context = await browser.newContext({ baseURL: origin, locale: locale === "fr" ? "fr-FR" : "en-US" });
  try {
    if (cookies.length > 0) await context.addCookies(cookies.map((cookie) => ({ ...cookie, url: origin })));
    const tab = await context.newPage();
    const scripts: Promise<Buffer | null>[] = [];
    const rscPaths: string[] = [];
    let inFlight = 0;
    let lastActivity = Date.now();
    const settled = () => {
      inFlight -= 1;
      lastActivity = Date.now();
    };
    tab.on("requestfinished", settled);
    tab.on("requestfailed", settled);
    tab.on("request", (request) => {
      inFlight += 1;
      lastActivity = Date.now();
      const url = new URL(request.url());
      const headers = request.headers();
      if (headers.rsc === "1" || url.searchParams.has("_rsc")) rscPaths.push(url.pathname);
    });
    tab.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response.body().catch(() => null));
    });
    const document = await tab.goto(page.path, { waitUntil: "load" });
    if (!document) throw new Error(`${page.path}: no document`);
    const html = await document.body();
    const loaded = Date.now();
    while (Date.now() - loaded < settleCapMs && (Date.now() - loaded < settleMs || inFlight > 0 || Date.now() - lastActivity < quietMs)) await tab.waitForTimeout(100);
    const bodies = (await Promise.all(scripts)).filter((body): body is Buffer => body !== null);
    return {
      label: page.label,
      path: page.path,
      locale,
      status: document.status(),
      finalPath: new URL(tab.url()).pathname,
      scripts: bodies.length,
      jsBytes: bodies.reduce((sum, body) => sum + body.length, 0),
      jsGzipBytes: bodies.reduce((sum, body) => sum + gzipLength(body), 0),
      htmlBytes: html.length,
      htmlGzipBytes: gzipLength(html),
      renders: 1 + rscPaths.length,
      rscPaths,
    };
  } finally {
    await context.close();
  }
}

export async function measurePageWeights(origin: string, pages: { label: string; path: string }[], cookies: BrowserCookie[]): Promise<PageWeight[]> {
  const browser = await launchChromium();
  try {
    const rows: PageWeight[] = [];
    for (const page of pages) rows.push(await measurePageWeight(browser, origin, page, cookies));
    return rows;
  } finally {
    await browser.close();
  }
}

export const kB = (bytes: number) => (bytes / 1000).toFixed(1);

/** A page's label with its locale, as goals and render details name one visit. */
export const visitName = (row: PageWeight) => (row.locale ? `${row.label} (${row.locale})` : row.label);

/** One cell for a page's visits in each locale: the value once when they agree, else `en / fr`. */
function cell(visits: PageWeight[], value: (row: PageWeight) => string): string {
  const values = visits.map(value);
  return values.every((one) => one === values[0]) ? values[0]! : values.join(" / ");
}

/**
 * A Markdown table, one line per page (kB = 1000 bytes, as Next's build output counts): the HTML in
 * each locale in its own column, the other figures once when the locales agree, else `en / fr`.
 */
export function pageWeightTable(rows: PageWeight[]): string {
  const pages = new Map<string, PageWeight[]>();
  for (const row of rows) pages.set(row.label, [...(pages.get(row.label) ?? []), row]);
  const lines = [
    "| page | status | JS gzip kB | JS kB | scripts | HTML kB en | HTML kB fr | HTML gzip kB en / fr | server renders per visit |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const [label, visits] of pages) {
    const english = visits.find((row) => row.locale !== "fr");
    const french = visits.find((row) => row.locale === "fr");
    const paths = cell(visits, (row) => (row.finalPath === row.path ? row.path : `${row.path} → ${row.finalPath}`));
    lines.push(
      `| ${label} (${paths}) | ${cell(visits, (row) => String(row.status))} | ${cell(visits, (row) => kB(row.jsGzipBytes))} | ${cell(visits, (row) => kB(row.jsBytes))} | ${cell(visits, (row) => String(row.scripts))} | ${english ? kB(english.htmlBytes) : "–"} | ${french ? kB(french.htmlBytes) : "–"} | ${cell(visits, (row) => kB(row.htmlGzipBytes))} | ${cell(visits, (row) => String(row.renders))} |`,
    );
  }
  return lines.join("\n");
}

/** Where the extra renders went: each RSC path and how often it was fetched. */
export function renderDetails(rows: PageWeight[]): string[] {
  return rows
    .filter((row) => row.rscPaths.length > 0)
    .map((row) => {
      const counts = new Map<string, number>();
      for (const path of row.rscPaths) counts.set(path, (counts.get(path) ?? 0) + 1);
      return `${visitName(row)}: RSC requests ${[...counts].map(([path, count]) => (count > 1 ? `${path} ×${count}` : path)).join(", ")}`;
    });
}

/** Every console section an Admin opens, from the one table the navigation lists, in English then in French. */
export const consolePages = Object.entries(consoleSections).flatMap(([name, section]) =>
  ["en", "fr"].map((locale) => ({ label: name, path: `/${locale}${section.path}` })),
);

/**
 * The Authentication page of an Enterprise Admin, the SSO forms shown (the console's heaviest page
 * when a plan allows everything), in both locales: `becomeEnterprise` moves the signed-in
 * organization to the Enterprise plan first.
 */
export async function measureEnterpriseAuthentication(origin: string, cookies: BrowserCookie[], becomeEnterprise: () => Promise<void>): Promise<PageWeight[]> {
  await becomeEnterprise();
  const label = "authentication, Enterprise (SSO forms)";
  return measurePageWeights(origin, ["en", "fr"].map((locale) => ({ label, path: `/${locale}${consoleSections.authentication.path}` })), cookies);
}
