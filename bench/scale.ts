// npm run bench:scale — the console scaled out: two `npm start` instances (WORKER_IN_SERVER=false,
// the same secrets) and one `npm run worker`, all started at the same moment on an EMPTY PostgreSQL
// database, so their migrations race. Then, with clients spread over both instances:
//   1. every process came up and the migrations were applied once each;
//   2. a session started on one instance works on the other, and a sign-out on one ends it on both;
//   3. the sign-in throttle holds across both (5 failures split over both lock the email);
//   4. the Admin API rate limit holds across both (API_RATE_LIMIT_PER_MINUTE split over both → 429);
//   5. purges and exports of several organizations queued at once (over both instances, a second
//      worker started beside the first) each run exactly once: job rows and audit events.
// Prints each check PASS/FAIL and exits non-zero on any FAIL. Ports: BENCH_PORT and the next one.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { and, count, inArray, sql } from "drizzle-orm";
import { apiKeys, auditEvents, chats, jobs, organizationExports, organizations, users } from "@/db/schema";
import { openDatabase, type Database } from "@/db";
import { scopes } from "@/lib/core/api-scopes";
import { hashPassword } from "@/lib/core/passwords";
import { hashToken, newToken } from "@/lib/core/tokens";
import en from "@/messages/en.json";
import { Browser, findForm, formsOf, textOf } from "./browser";
import { baseUrl, benchPassword, serverUrl, startSeparateWorker, startServer, type Server } from "./support";

const rateLimit = Number(process.env.BENCH_RATE_LIMIT ?? 20);
const jobOrganizations = Number(process.env.BENCH_JOB_ORGANIZATIONS ?? 4);
const chatsPerOrganization = Number(process.env.BENCH_JOB_CHATS ?? 5_000);
const firstPort = Number(new URL(baseUrl).port);
const ports = [firstPort, firstPort + 1];
const urls = ports.map((port) => `http://127.0.0.1:${port}`);

// The same secrets for every process, as a real scaled-out deployment has.
process.env.AUDIT_CHAIN_KEY ??= "bench-audit-chain-key-not-for-production-000";
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 9).toString("base64");
process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
process.env.API_RATE_LIMIT_PER_MINUTE = String(rateLimit);

const results: { name: string; ok: boolean; detail: string }[] = [];
function report(name: string, ok: boolean, detail: string) {
  results.push({ name, ok, detail });
  console.log(`${ok ? "PASS" : "FAIL"} ${name}: ${detail}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signInOn(browser: Browser, email: string, password: string) {
  const page = await browser.get("sign-in page", "/en/sign-in");
  const form = findForm(page.html, "password");
  if (!form) return { status: page.status, html: page.html, location: null as string | null };
  return browser.submit("sign-in", "/en/sign-in", form, { email, password });
}

async function main() {
  const name = `${process.env.BENCH_DB_PREFIX ?? "org_console_bench"}_scale_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-scale-exports-"));
  process.env.EXPORT_DIR = exportDir;
  process.env.WORKER_IN_SERVER = "false";
  const servers: Server[] = [];
  const workers: ReturnType<typeof startSeparateWorker>[] = [];
  let database: Database | null = null;
  try {
    // 1. Everything at once on the empty database.
    console.log(`# Two instances (${urls.join(", ")}) and one worker, started together on the empty database ${name}`);
    const started = performance.now();
    workers.push(startSeparateWorker(databaseUrl));
    const up = await Promise.allSettled(ports.map((port) => startServer(databaseUrl, { port, workerInServer: false })));
    for (const outcome of up) if (outcome.status === "fulfilled") servers.push(outcome.value);
    await sleep(1000);
    const workerRunning = workers[0]!.process.exitCode === null && workers[0]!.process.signalCode === null;
    report("both instances and the worker start on an empty database", servers.length === 2 && workerRunning, `${servers.length} of 2 answered /api/health in ${Math.round(performance.now() - started)} ms; the worker is ${workerRunning ? "running" : "gone"}`);
    if (servers.length < 2) return;
    const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const applied = await client.unsafe<{ count: number; distinct: number }[]>(`select count(*)::int as count, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations`);
    await client.end();
    const migrationFiles = fs.readdirSync(path.join(process.cwd(), "db", "migrations")).filter((file) => file.endsWith(".sql")).length;
    report("migrations applied once each", applied[0]!.count === migrationFiles && applied[0]!.distinct === migrationFiles, `${applied[0]!.count} rows, ${applied[0]!.distinct} distinct, ${migrationFiles} migration files`);
    // Opening it here too only finds everything applied.
    database = await openDatabase({ url: databaseUrl });
    const { db } = database;

    // Seeding, in SQL once migrated.
    const passwordHash = await hashPassword(benchPassword);
    const orgs: { id: string; name: string; adminId: string; email: string; key: string }[] = [];
    for (let index = 0; index < jobOrganizations; index += 1) {
      const orgName = `Scale org ${index}`;
      const [org] = await db.insert(organizations).values({ name: orgName, plan: "enterprise" }).returning({ id: organizations.id });
      const email = `scale-admin-${index}@scale.example.test`;
      const [person] = await db.insert(users).values({ organizationId: org!.id, email, name: `Admin ${index}`, passwordHash, role: "admin", billing: true }).returning({ id: users.id });
      const key = `oc_${newToken()}`;
      await db.insert(apiKeys).values({ organizationId: org!.id, name: "Scale key", prefix: key.slice(0, 11), secretHash: hashToken(key), scopes: [...scopes] });
      await db.execute(sql`insert into chats (organization_id, user_id, title) select ${org!.id}, ${person!.id}, 'Chat ' || g from generate_series(1, ${chatsPerOrganization}) g`);
      await db.execute(sql`insert into messages (chat_id, author, body) select c.id, 'user', 'Message ' || m from chats c cross join generate_series(1, 5) m where c.organization_id = ${org!.id}`);
      orgs.push({ id: org!.id, name: orgName, adminId: person!.id, email, key });
    }
    // The rate limit's own key, so the jobs' keys start with a fresh minute.
    const rateKey = `oc_${newToken()}`;
    await db.insert(apiKeys).values({ organizationId: orgs[0]!.id, name: "Rate key", prefix: rateKey.slice(0, 11), secretHash: hashToken(rateKey), scopes: [...scopes] });
    await db.insert(users).values({ organizationId: orgs[0]!.id, email: "scale-throttled@scale.example.test", name: "Throttled", passwordHash, role: "member" });

    // 2. A session started on one instance, used on the other, ended on the other.
    const browser = new Browser(urls[0]!);
    const signedIn = await signInOn(browser, orgs[0]!.email, benchPassword);
    browser.baseUrl = urls[1]!;
    const elsewhere = await browser.get("organization page", "/en/admin/organization");
    report(
      "a session started on instance 1 works on instance 2",
      signedIn.status === 303 && elsewhere.status === 200 && textOf(elsewhere.html).includes(orgs[0]!.name),
      `sign-in on 1: ${signedIn.status}; Organization page on 2: ${elsewhere.status}`,
    );
    // The cookie as it is now, kept to replay after the sign-out: the session row must be gone for both instances.
    const oldCookie = browser.cookieHeader;
    const members = await browser.get("members page", "/en/admin/members");
    const signOutForm = formsOf(members.html).find((form) => form.html.includes(`>${en.Common.signOut}<`));
    const signedOut = signOutForm ? await browser.submit("sign-out", "/en/admin/members", signOutForm) : null;
    const replay = await fetch(`${urls[0]}/en/admin/organization`, { redirect: "manual", headers: { cookie: oldCookie } });
    await replay.arrayBuffer();
    const replayedTo = replay.headers.get("location") ?? "";
    report(
      "a sign-out on instance 2 ends the session on instance 1",
      signedOut?.status === 303 && replay.status >= 300 && replay.status < 400 && replayedTo.includes("/sign-in"),
      `sign-out on 2: ${signedOut?.status}; the old cookie on 1 afterwards: ${replay.status} → ${replayedTo}`,
    );

    // 3. The sign-in throttle, failures split over both instances.
    const statuses: string[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const attempting = new Browser(urls[attempt % 2]!);
      const answer = await signInOn(attempting, "scale-throttled@scale.example.test", "wrong-password-123");
      statuses.push(`${attempt % 2 + 1}:${textOf(answer.html).includes(en.Errors.invalidCredentials) ? "invalid" : answer.status}`);
    }
    const locked: string[] = [];
    for (const instance of urls) {
      const attempting = new Browser(instance);
      const answer = await signInOn(attempting, "scale-throttled@scale.example.test", benchPassword);
      locked.push(attempting.hasSession() ? "signed in" : textOf(answer.html).includes(en.Errors.throttled) ? "throttled" : String(answer.status));
    }
    report("5 failed sign-ins split over both instances lock the email on both", locked.every((outcome) => outcome === "throttled"), `failures ${statuses.join(" ")}; then the right password: ${locked.join(", ")}`);

    // 4. The Admin API rate limit, requests split over both instances.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 15_000) await sleep(left + 200);
    const codes: number[] = [];
    for (let index = 0; index < rateLimit + 10; index += 1) {
      const response = await fetch(`${urls[index % 2]}/api/v1/organization`, { headers: { authorization: `Bearer ${rateKey}` } });
      await response.arrayBuffer();
      codes.push(response.status);
    }
    const ok = codes.filter((code) => code === 200).length;
    const limited = codes.filter((code) => code === 429).length;
    report(`API rate limit ${rateLimit}/min holds across both instances`, ok === rateLimit && limited === 10, `${codes.length} requests alternating: ${ok}×200, ${limited}×429`);

    // 5. Jobs queued at once, over both instances, with a second worker beside the first.
    workers.push(startSeparateWorker(databaseUrl));
    const queued = await Promise.all(
      orgs.flatMap((org, index) => [
        fetch(`${urls[index % 2]}/api/v1/organization/chat-purge`, { method: "POST", headers: { authorization: `Bearer ${org.key}`, "content-type": "application/json" }, body: JSON.stringify({ confirmation: org.name }) }),
        fetch(`${urls[(index + 1) % 2]}/api/v1/exports`, { method: "POST", headers: { authorization: `Bearer ${org.key}`, "content-type": "application/json" }, body: "{}" }),
        // The same purge asked again on the other instance: the queue keeps one.
        fetch(`${urls[(index + 1) % 2]}/api/v1/organization/chat-purge`, { method: "POST", headers: { authorization: `Bearer ${org.key}`, "content-type": "application/json" }, body: JSON.stringify({ confirmation: org.name }) }),
      ]),
    );
    const queueStatuses = await Promise.all(queued.map(async (response) => (await response.arrayBuffer(), response.status)));
    const organizationIds = orgs.map((org) => org.id);
    const jobStarted = Date.now();
    let rows = await db.select().from(jobs).where(and(inArray(jobs.organizationId, organizationIds), inArray(jobs.kind, ["purge_chats", "export"])));
    while (rows.some((row) => row.state === "queued" || row.state === "running") && Date.now() - jobStarted < 5 * 60_000) {
      await sleep(250);
      rows = await db.select().from(jobs).where(and(inArray(jobs.organizationId, organizationIds), inArray(jobs.kind, ["purge_chats", "export"])));
    }
    const purges = rows.filter((row) => row.kind === "purge_chats");
    const exports = rows.filter((row) => row.kind === "export");
    report(
      "purges and exports queued at once over both instances",
      queueStatuses.every((status) => status === 202) && purges.length === orgs.length && exports.length === orgs.length,
      `answers ${[...new Set(queueStatuses)].join(", ")}; ${purges.length} purge jobs and ${exports.length} export jobs for ${orgs.length} organizations, done in ${Math.round((Date.now() - jobStarted) / 100) / 10} s`,
    );
    report(
      "every job ran once and finished",
      rows.every((row) => row.state === "done" && row.attempts === 1),
      rows.map((row) => `${row.kind}:${row.state}/${row.attempts}`).join(" "),
    );
    const events = await db.select({ action: auditEvents.action, organizationId: auditEvents.organizationId }).from(auditEvents).where(and(inArray(auditEvents.organizationId, organizationIds), inArray(auditEvents.action, ["organization.chatsPurged", "organization.exportReady"])));
    const perOrganization = orgs.map((org) => ({
      purged: events.filter((event) => event.organizationId === org.id && event.action === "organization.chatsPurged").length,
      ready: events.filter((event) => event.organizationId === org.id && event.action === "organization.exportReady").length,
    }));
    const files = await db.select({ id: organizationExports.jobId }).from(organizationExports).where(inArray(organizationExports.organizationId, organizationIds));
    const [chatsLeft] = await db.select({ count: count() }).from(chats).where(inArray(chats.organizationId, organizationIds));
    report(
      "one audit event and one archive per job",
      perOrganization.every((counts) => counts.purged === 1 && counts.ready === 1) && files.length === orgs.length && new Set(files.map((file) => file.id)).size === orgs.length,
      `chatsPurged per organization ${perOrganization.map((counts) => counts.purged).join(",")}; exportReady ${perOrganization.map((counts) => counts.ready).join(",")}; ${files.length} archives; ${chatsLeft?.count} chats left`,
    );
  } finally {
    for (const worker of workers) await worker.stop().catch(() => undefined);
    for (const server of servers) await server.stop().catch(() => undefined);
    await database?.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    fs.rmSync(exportDir, { recursive: true, force: true });
  }
}

void main().then(
  () => {
    const failed = results.filter((result) => !result.ok).length;
    console.log(failed === 0 && results.length > 0 ? `PASS: ${results.length} checks` : `FAIL: ${failed} of ${results.length} checks`);
    process.exit(failed === 0 && results.length > 0 ? 0 : 1);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
