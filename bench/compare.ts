// npm run bench:compare — Org Console's console pages beside /api/health and a static chunk (the
// floor), and with PEER_DIR beside nextjs/saas-starter's dashboard view, on this machine, one server
// at a time; then what one visit of each console page costs in Chromium; then the goals of issue 17,
// PASS/FAIL each, exit code 1 if one fails.
//   BENCH_SECONDS (15) measured and BENCH_WARMUP (5) warm-up seconds per cell; BENCH_PORT (3201) ours;
//   PEER_DIR (unset: no peer), PEER_PORT (3302); `--order peer-first` measures the peer first.
//   `--weight-only`: only the visit in Chromium (JS, HTML, renders) and its goals, no load and no peer
//   (a minute instead of half an hour; BENCH_CHATS=1000 makes the seeding quick too).
//   `--floor`: also an empty Next.js app of the same Next and React (bench/floor-app.ts, FLOOR_PORT
//   3203), its dynamic page beside its route handler: the ratio no page can go under.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { afterMaintenance, baseUrl, createBenchDatabase, seconds, seedOrganization, sessionCookie, setPlan, sizes, startServer, vacuumAnalyze, percentile } from "./support";
import { consolePages, kB, launchChromium, measureEnterpriseAuthentication, measurePageWeight, measurePageWeights, pageWeightTable, parseCookie, renderDetails, visitName, type PageWeight } from "./page-weight";
import { startFloorApp } from "./floor-app";

const measuredSeconds = Number(process.env.BENCH_SECONDS ?? 15);
const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 5);
const auditEventCount = Number(process.env.BENCH_AUDIT_EVENTS ?? 100_000);
const concurrencies = [1, 10, 50] as const;
type Concurrency = (typeof concurrencies)[number];
const peerDir = process.env.PEER_DIR;
const peerPort = Number(process.env.PEER_PORT ?? 3302);
const peerOrigin = `http://127.0.0.1:${peerPort}`;
const peerFirst = process.argv.includes("--order") && process.argv[process.argv.indexOf("--order") + 1] === "peer-first";
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const weightOnly = process.argv.includes("--weight-only");
const withFloor = process.argv.includes("--floor");
const floorPort = Number(process.env.FLOOR_PORT ?? 3203);

type Cell = { rps: number; p50: number; p95: number; p975: number; p99: number; max: number; requests: number; non2xx: number; errors: number; timeouts: number };
type Row = { label: string; cells: Partial<Record<Concurrency, Cell>> };
type LoadTarget = { label: string; url: string; headers?: Record<string, string> };

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** One autocannon run; latencies from every response (autocannon's own histogram has no p95). */
async function cannon(target: LoadTarget, connections: number, duration: number): Promise<Cell> {
  const latencies: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: target.url, connections, duration, headers: target.headers, timeout: 30 }, (error: unknown, done) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode > 299) non2xx += 1;
    });
  });
  const elapsed = result.duration || duration;
  return {
    rps: round(latencies.length / elapsed),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p975: round(percentile(latencies, 97.5)),
    p99: round(percentile(latencies, 99)),
    max: latencies.reduce((top, value) => Math.max(top, value), 0),
    requests: latencies.length,
    non2xx: Math.max(non2xx, result.non2xx),
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * autocannon drops the requests still in flight when it stops, but the server finishes them: wait
 * about as long as the slowest answer took (the whole run if none came), so the next run does not
 * pay for this one's abandoned work.
 */
async function drain(cell: Cell, runSeconds: number): Promise<void> {
  const ms = Math.min(15_000, cell.requests > 0 ? Math.ceil(cell.max) : runSeconds * 1000);
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Each target alone, at each concurrency: warm-up, then the measured run. */
async function measureTargets(targets: LoadTarget[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const target of targets) {
    const row: Row = { label: target.label, cells: {} };
    for (const connections of concurrencies) {
      if (warmupSeconds > 0) await drain(await cannon(target, connections, warmupSeconds), warmupSeconds);
      const cell = await cannon(target, connections, measuredSeconds);
      await drain(cell, measuredSeconds);
      row.cells[connections] = cell;
      console.log(`  ${target.label}, ${connections} connections: ${cell.rps} req/s, p50 ${cell.p50} ms, p95 ${cell.p95}, p97.5 ${cell.p975}, p99 ${cell.p99}, non-2xx ${cell.non2xx}, errors ${cell.errors}`);
    }
    rows.push(row);
  }
  return rows;
}

/** A benchmark of redirects or sign-in pages is worthless: the signed-in page or nothing. */
async function expectSignedIn(target: LoadTarget, marker: string): Promise<string> {
  const response = await fetch(target.url, { headers: target.headers, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${target.label}: ${response.status} ${response.headers.get("location") ?? ""} instead of 200 (not signed in?)`);
  if (!body.includes(marker)) throw new Error(`${target.label}: 200 but the signed-in page's marker ${JSON.stringify(marker)} is missing`);
  return body;
}

function table(rows: Row[]): string {
  const lines = [
    "| target | connections | req/s | p50 ms | p95 ms | p97.5 ms | p99 ms | non-2xx | errors |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const row of rows) {
    for (const connections of concurrencies) {
      const cell = row.cells[connections];
      if (cell) lines.push(`| ${row.label} | ${connections} | ${cell.rps} | ${cell.p50} | ${cell.p95} | ${cell.p975} | ${cell.p99} | ${cell.non2xx} | ${cell.errors + cell.timeouts} |`);
    }
  }
  return lines.join("\n");
}

type OursResult = { rows: Row[]; weights: PageWeight[]; signIn: PageWeight };
type PeerResult = { rows: Row[]; view: Partial<Record<Concurrency, { rps: number; p99: number }>>; weight: PageWeight };

async function measureOurs(): Promise<OursResult> {
  const database = await createBenchDatabase();
  try {
    console.log(`# Org Console: seeding one organization of ${sizes.chats.toLocaleString("en")} chats, ${(sizes.chats * sizes.messagesPerChat).toLocaleString("en")} messages and ${auditEventCount.toLocaleString("en")} audit events`);
    const started = performance.now();
    const organization = await seedOrganization(database, "Bench Compare Org");
    const client = postgres(database.url, { max: 1, onnotice: () => {} });
    await client.unsafe(
      // Recorded "before the chain" (hash null), oldest first in sequence, as the audit page reads them.
      `insert into audit_events (organization_id, actor_kind, actor_id, actor_name, actor_email, action, target, data, client_address, created_at, sequence)
       select $1, 'person', null, 'Person ' || (g % 10), 'person' || (g % 10) || '@example.test', 'organization.renamed', 'target ' || g,
              jsonb_build_object('from', 'Name ' || g, 'to', 'Name ' || (g + 1)), '192.0.2.' || (g % 250), now() - make_interval(secs => g),
              coalesce((select max(sequence) from audit_events where organization_id = $1), 0) + ${auditEventCount} + 1 - g
       from generate_series(1, ${auditEventCount}) as g`,
      [organization.id],
    );
    await client.end();
    await vacuumAnalyze(database);
    console.log(`seeded in ${seconds(performance.now() - started)}`);

    const server = await startServer(database.url);
    try {
      await afterMaintenance(server);
      const cookie = await sessionCookie(database.db, organization.adminId, organization.id);
      const pages: LoadTarget[] = [
        { label: "Org Console /en/admin/organization", url: `${baseUrl}/en/admin/organization`, headers: { cookie } },
        { label: "Org Console /en/admin/members", url: `${baseUrl}/en/admin/members`, headers: { cookie } },
        { label: "Org Console /en/admin/audit", url: `${baseUrl}/en/admin/audit`, headers: { cookie } },
      ];
      const bodies: string[] = [];
      for (const page of pages) bodies.push(await expectSignedIn(page, organization.name));
      const html = bodies[0]!;
      console.log(`signed-in pages by fetch: ${pages.map((page, index) => `${page.url.replace(baseUrl, "")} ${(Buffer.byteLength(bodies[index]!) / 1000).toFixed(1)} kB`).join(", ")}`);
      const chunk = /\/_next\/static\/chunks\/[^"'?\s]+\.js/.exec(html)?.[0];
      if (!chunk) throw new Error("no /_next/static/chunks/*.js in the Organization page");
      const health: LoadTarget = { label: "Org Console /api/health", url: `${baseUrl}/api/health` };
      const floor: LoadTarget = { label: `Org Console static chunk (floor)`, url: `${baseUrl}${chunk}` };
      for (const target of [health, floor]) {
        const response = await fetch(target.url);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${target.label}: ${response.status}`);
      }
      const rows: Row[] = [];
      if (!weightOnly) {
        console.log(`# Org Console under load (${warmupSeconds} s warm-up, ${measuredSeconds} s measured per cell; static chunk ${chunk})`);
        rows.push(...(await measureTargets([...pages, health, floor])));
      }
      console.log("# Org Console in Chromium (signed-in Admin of a Team organization, then of an Enterprise one for the Authentication page; fresh context per page, English and French)");
      const browserCookie = parseCookie(cookie);
      const weights = await measurePageWeights(baseUrl, consolePages, [browserCookie]);
      weights.push(...(await measureEnterpriseAuthentication(baseUrl, [browserCookie], () => setPlan(database.db, organization.id, "enterprise"))));
      const browser = await launchChromium();
      const signIn = await measurePageWeight(browser, baseUrl, { label: "sign-in (signed out, reference)", path: "/en/sign-in" }, []).finally(() => browser.close());
      return { rows, weights, signIn };
    } finally {
      await server.stop();
    }
  } finally {
    await database.close();
  }
}

async function isListening(origin: string): Promise<boolean> {
  return fetch(`${origin}/favicon.ico`).then(
    async (response) => {
      await response.arrayBuffer();
      return true;
    },
    () => false,
  );
}

/** The prepared peer (../shared/peer/start.sh), its process group stopped on the way out. */
async function startPeer(dir: string): Promise<{ stop: () => Promise<void> }> {
  if (await isListening(peerOrigin)) throw new Error(`port ${peerPort} is already in use: stop that server or set PEER_PORT`);
  const script = process.env.PEER_START ?? path.resolve("../shared/peer/start.sh");
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn("bash", [script, dir], { env: { ...process.env, PORT: String(peerPort) }, stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`${script} exited ${code}`))));
  });
  const group = Number(output.trim().split("\n").at(-1));
  if (!Number.isInteger(group) || group <= 1) throw new Error(`${script} printed no process group: ${output}`);
  const stop = async () => {
    try {
      process.kill(-group, "SIGTERM");
    } catch {}
    for (let waited = 0; waited < 15_000 && (await isListening(peerOrigin)); waited += 300) await new Promise((resolve) => setTimeout(resolve, 300));
  };
  if (!(await isListening(peerOrigin))) {
    await stop();
    throw new Error(`the peer did not start on ${peerOrigin} (see ${dir}/peer-server.log)`);
  }
  return { stop };
}

async function measurePeer(dir: string): Promise<PeerResult> {
  if (!fs.existsSync(`${dir}/.next/BUILD_ID`)) throw new Error(`${dir} has no build: prepare it with ../shared/peer/setup.sh`);
  console.log(`# Peer (nextjs/saas-starter in ${dir}) on ${peerOrigin}`);
  const peer = await startPeer(dir);
  try {
    const browser = await launchChromium();
    let session: string;
    let weight: PageWeight;
    try {
      const context = await browser.newContext({ baseURL: peerOrigin, locale: "en-US" });
      const page = await context.newPage();
      await page.goto("/sign-in");
      await page.fill("#email", "test@test.com");
      await page.fill("#password", "admin123");
      await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 30_000 }), page.click("form button[type=submit]")]);
      const cookie = (await context.cookies()).find((candidate) => candidate.name === "session");
      if (!cookie) throw new Error("the peer's sign-in set no `session` cookie");
      session = cookie.value;
      await context.close();
      weight = await measurePageWeight(browser, peerOrigin, { label: "peer dashboard", path: "/dashboard" }, [{ name: "session", value: session }]);
    } finally {
      await browser.close();
    }
    const headers = { cookie: `session=${session}` };
    const targets: LoadTarget[] = [
      { label: "peer /dashboard (shell)", url: `${peerOrigin}/dashboard`, headers },
      { label: "peer /api/team", url: `${peerOrigin}/api/team`, headers },
      { label: "peer /api/user", url: `${peerOrigin}/api/user`, headers },
    ];
    await expectSignedIn(targets[0]!, "<html"); // the shell: a 200 where a signed-out visit is redirected
    await expectSignedIn(targets[1]!, "test@test.com");
    await expectSignedIn(targets[2]!, "test@test.com");
    console.log(`# Peer under load (${warmupSeconds} s warm-up, ${measuredSeconds} s measured per cell)`);
    const rows = await measureTargets(targets);
    const view: PeerResult["view"] = {};
    for (const connections of concurrencies) {
      const cells = rows.map((row) => row.cells[connections]!);
      if (cells.some((cell) => cell.requests === 0)) continue; // not measured: no ratio from it
      view[connections] = {
        rps: round(1 / cells.reduce((sum, cell) => sum + 1 / cell.rps, 0)),
        p99: round(cells.reduce((sum, cell) => sum + cell.p99, 0)),
      };
    }
    return { rows, view, weight };
  } finally {
    await peer.stop();
  }
}

type Goal = { name: string; value: string; limit: string; pass: boolean | null };

function goals(ours: OursResult, peer: PeerResult | null): Goal[] {
  const list: Goal[] = [];
  if (ours.rows.length > 0) list.push(...loadGoals(ours, peer));
  list.push(...weightGoals(ours));
  return list;
}

/** The goals of the load measurements (not run with `--weight-only`). */
function loadGoals(ours: OursResult, peer: PeerResult | null): Goal[] {
  const list: Goal[] = [];
  const cell = (label: string, connections: Concurrency) => ours.rows.find((row) => row.label.endsWith(label))!.cells[connections]!;
  for (const page of ["/en/admin/organization", "/en/admin/members"]) {
    for (const connections of [10, 50] as const) {
      const ourCell = cell(page, connections);
      // A cell with no complete response (the run shorter than one answer) measured nothing: no PASS from it.
      const view = ourCell.requests > 0 ? peer?.view[connections] : undefined;
      list.push({
        name: `${page} req/s ÷ peer view/s, ${connections} connections`,
        value: view ? `${ourCell.rps} ÷ ${view.rps} = ${round(ourCell.rps / view.rps, 2)}` : peer ? "no response completed" : "no peer (set PEER_DIR)",
        limit: "≥ 2",
        pass: view ? ourCell.rps / view.rps >= 2 : peer ? false : null,
      });
      list.push({
        name: `${page} p99 ÷ peer view p99 (sum of its three p99s), ${connections} connections`,
        value: view ? `${ourCell.p99} ÷ ${view.p99} = ${round(ourCell.p99 / view.p99, 2)}` : peer ? "no response completed" : "no peer (set PEER_DIR)",
        limit: "≤ 0.5",
        pass: view ? ourCell.p99 / view.p99 <= 0.5 : peer ? false : null,
      });
    }
  }
  const organization = cell("/en/admin/organization", 10);
  const health = cell("/api/health", 10);
  const measured = organization.requests > 0 && health.requests > 0;
  list.push({
    name: "/en/admin/organization p95 ÷ /api/health p95, 10 connections",
    value: measured ? `${organization.p95} ÷ ${health.p95} = ${round(organization.p95 / health.p95, 2)}` : "no response completed",
    limit: "≤ 1.5",
    pass: measured && organization.p95 / health.p95 <= 1.5,
  });
  const invalid = [...ours.rows, ...(peer?.rows ?? [])].flatMap((row) => Object.values(row.cells).filter((value) => value.requests === 0 || value.non2xx + value.errors + value.timeouts > 0).map(() => row.label));
  list.push({ name: "every cell measured (at least one response), every response a 200, no error or timeout", value: invalid.length ? `not so for ${[...new Set(invalid)].join(", ")}` : "all", limit: "all", pass: invalid.length === 0 });
  return list;
}

/** The goals of one visit in Chromium: first-load JavaScript, HTML, server renders. */
function weightGoals(ours: OursResult): Goal[] {
  const list: Goal[] = [];
  const heaviest = (key: "jsGzipBytes" | "htmlBytes" | "renders") => ours.weights.reduce((top, row) => (row[key] > top[key] ? row : top));
  const js = heaviest("jsGzipBytes");
  list.push({ name: "first-load JS of every console page, English and French (gzip; heaviest shown)", value: `${kB(js.jsGzipBytes)} kB (${visitName(js)})`, limit: "≤ 150 kB", pass: js.jsGzipBytes <= 150_000 });
  const html = heaviest("htmlBytes");
  list.push({ name: "HTML of every console page, English and French (uncompressed; heaviest shown)", value: `${kB(html.htmlBytes)} kB (${visitName(html)})`, limit: "≤ 30 kB", pass: html.htmlBytes <= 30_000 });
  const renders = heaviest("renders");
  list.push({ name: "server renders per visit of every console page, English and French (most shown)", value: `${renders.renders} (${visitName(renders)})`, limit: "≤ 1", pass: renders.renders <= 1 });
  const notOpened = ours.weights.filter((row) => row.status !== 200 || row.finalPath !== row.path);
  list.push({ name: "every console page opened signed in (200, no redirect) in Chromium", value: notOpened.length ? notOpened.map((row) => `${visitName(row)} ${row.status} → ${row.finalPath}`).join(", ") : "all", limit: "all", pass: notOpened.length === 0 });
  return list;
}

/** The load table, the peer's full view and the ratios to /api/health. */
function printLoad(ours: OursResult, peer: PeerResult | null): void {
  console.log("\n## Load (autocannon, one target at a time; no Accept-Encoding, so bodies are uncompressed for both)\n");
  console.log(table([...ours.rows, ...(peer?.rows ?? [])]));
  if (peer) {
    console.log("\n| peer full view (shell + /api/team + /api/user) | connections | views/s = 1/Σ(1/req/s) | p99 ≈ Σ p99 ms |\n|---|---|---|---|");
    for (const connections of concurrencies) {
      const view = peer.view[connections];
      console.log(`| peer full view | ${connections} | ${view?.rps ?? "n/a"} | ${view?.p99 ?? "n/a"} |`);
    }
  }

  console.log("\n## Ratios to /api/health in the same run (req/s ratio · p95 ratio)\n");
  const health = ours.rows.find((row) => row.label.endsWith("/api/health"))!;
  console.log("| target | 1 | 10 | 50 |\n|---|---|---|---|");
  for (const row of ours.rows) {
    const cells = concurrencies.map((connections) => {
      const cell = row.cells[connections]!;
      const base = health.cells[connections]!;
      if (cell.requests === 0 || base.requests === 0) return "n/a (no response completed)";
      return `${round(cell.rps / base.rps, 2)}× req/s · ${round(cell.p95 / base.p95, 2)}× p95`;
    });
    console.log(`| ${row.label} | ${cells.join(" | ")} |`);
  }
}

/**
 * `--floor`: an empty Next.js app of the same Next and React (bench/floor-app.ts) under the same
 * load, its dynamic page beside its route handler: the least any rendered page costs next to a
 * handler, before middleware, session, database or messages.
 */
async function measureFloor(): Promise<Row[]> {
  console.log(`# Floor: an empty Next.js app (one dynamic page, one route handler) built from this project's node_modules, on port ${floorPort}`);
  const app = await startFloorApp(floorPort);
  try {
    return await measureTargets([
      { label: "floor: empty Next page", url: `${app.origin}/` },
      { label: "floor: empty route handler", url: `${app.origin}/api/health` },
    ]);
  } finally {
    await app.stop();
  }
}

function printFloor(rows: Row[]): void {
  const [page, handler] = rows as [Row, Row];
  console.log("\n## The framework's floor: an empty Next page ÷ an empty route handler, same run (req/s ratio · p95 ratio)\n");
  console.log(table(rows));
  const cells = concurrencies.map((connections) => {
    const a = page.cells[connections]!;
    const b = handler.cells[connections]!;
    return a.requests && b.requests ? `${round(a.rps / b.rps, 2)}× req/s · ${round(a.p95 / b.p95, 2)}× p95` : "n/a";
  });
  console.log(`\n| ratio | ${concurrencies.join(" | ")} |\n|---|${concurrencies.map(() => "---").join("|")}|\n| empty page ÷ route handler | ${cells.join(" | ")} |`);
}

async function main(): Promise<number> {
  if (!fs.existsSync(`${distDir}/BUILD_ID`)) {
    console.error(`no production build in ${distDir}: run npm run build first`);
    return 2;
  }
  console.log(`# bench:compare — ${new Date().toISOString()}, ${warmupSeconds} s warm-up + ${measuredSeconds} s per cell, ${weightOnly ? "weight only (no load, no peer)" : `order ${peerDir ? (peerFirst ? "peer first" : "Org Console first") : "Org Console only (PEER_DIR unset)"}`}`);
  let peer: PeerResult | null = null;
  if (peerDir && peerFirst && !weightOnly) peer = await measurePeer(peerDir);
  const ours = await measureOurs();
  if (peerDir && !peerFirst && !weightOnly) peer = await measurePeer(peerDir);
  if (!weightOnly) printLoad(ours, peer);
  if (withFloor && !weightOnly) printFloor(await measureFloor());

  console.log("\n## One visit in Chromium (fresh context; JS = every script response within the visit, gzip -6 of its body; renders = document + RSC requests from load until ≥ 3 s and 1 s without a request, ≤ 15 s)\n");
  console.log(pageWeightTable([...ours.weights, ours.signIn, ...(peer ? [peer.weight] : [])]));
  for (const line of renderDetails(ours.weights)) console.log(`- ${line}`);

  console.log("\n## Goals (issue 17)\n");
  const list = goals(ours, peer);
  console.log("| goal | measured | limit | verdict |\n|---|---|---|---|");
  for (const goal of list) console.log(`| ${goal.name} | ${goal.value} | ${goal.limit} | ${goal.pass === null ? "SKIP" : goal.pass ? "PASS" : "FAIL"} |`);
  const failed = list.filter((goal) => goal.pass === false).length;
  const skipped = list.filter((goal) => goal.pass === null).length;
  console.log(`\n${list.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
