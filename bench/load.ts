// npm run bench:load — a mixed workload against `npm start` (production) on a throw-away PostgreSQL
// database: 50 clients for 60 s (BENCH_CLIENTS, BENCH_SECONDS), each a person of one of 20
// organizations on mixed plans (Admins, Billing, Members) who signs in through the sign-in form and
// does what the role allows, checking every answer; meanwhile a 21st organization's chats are purged.
//
// Clients are browsers without JavaScript (bench/browser.ts): pages are fetched as HTML and server
// actions are submitted as the page's own form (its hidden `$ACTION_…` fields scraped from the HTML),
// so the workload goes through the middleware, the page, the action and the domain function exactly as
// a person's clicks do, with no Admin API key standing in for a role.
//
// Prints requests, answers by status, wrong answers, p50/p95/p99 per route and the server's peak RSS;
// exits non-zero on any 5xx, network error or wrong answer.
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, jobs, organizations, users, type Plan } from "@/db/schema";
import { queryRows } from "@/lib/core/db";
import { hashPassword } from "@/lib/core/passwords";
import { plans } from "@/lib/core/plans";
import en from "@/messages/en.json";
import { Browser, findForm, formsOf, textOf, type Answer } from "./browser";
import { baseUrl, benchPassword, createBenchDatabase, percentile, seconds, startServer, vacuumAnalyze } from "./support";

// The server runs in production mode, which requires the audit chain's key.
process.env.AUDIT_CHAIN_KEY ??= "bench-audit-chain-key-not-for-production-000";

const runSeconds = Number(process.env.BENCH_SECONDS ?? 60);
const clientCount = Number(process.env.BENCH_CLIENTS ?? 50);
const organizationCount = Number(process.env.BENCH_ORGANIZATIONS ?? 20);
const purgeChats = Number(process.env.BENCH_PURGE_CHATS ?? 20_000);
const messagesPerChat = 10;
// Client n starts n × this many ms after the first.
const rampMs = Number(process.env.BENCH_RAMP_MS ?? 100);
// Every this many steps a client signs out and in again.
const signInEvery = 12;

type Person = { id: string; email: string; name: string };
type Org = { id: string; index: number; plan: Plan; names: string[]; admin: Person; member: Person; billing: Person; spares: Person[] };
type Kind = "admin" | "member" | "billing";

// ---- figures -------------------------------------------------------------------------------
const routes = new Map<string, { ms: number[]; statuses: Map<number, number> }>();
const wrong: string[] = [];
function record(label: string, status: number, ms: number) {
  const route = routes.get(label) ?? { ms: [], statuses: new Map<number, number>() };
  route.ms.push(ms);
  route.statuses.set(status, (route.statuses.get(status) ?? 0) + 1);
  routes.set(label, route);
}
function check(ok: boolean, what: string, answer?: Answer): boolean {
  if (!ok) wrong.push(`${what}${answer ? ` (status ${answer.status}${answer.location ? ` → ${answer.location}` : ""} at ${answer.url})` : ""}`);
  return ok;
}

// ---- seeding -------------------------------------------------------------------------------
async function seed(database: Awaited<ReturnType<typeof createBenchDatabase>>) {
  const { db } = database;
  const passwordHash = await hashPassword(benchPassword);
  const run = randomBytes(2).toString("hex");
  const person = async (organizationId: string, key: string, role: "admin" | "member", billing: boolean): Promise<Person> => {
    const email = `${key}-${run}@load.example.test`;
    const [row] = await db.insert(users).values({ organizationId, email, name: key, passwordHash, role, billing }).returning({ id: users.id });
    return { id: row!.id, email, name: key };
  };
  const orgs: Org[] = [];
  for (let index = 0; index < organizationCount; index += 1) {
    const plan = plans[index % plans.length]!;
    const name = `Load org ${index}`;
    const [row] = await db.insert(organizations).values({ name, plan }).returning({ id: organizations.id });
    const id = row!.id;
    const spares: Person[] = [];
    const admin = await person(id, `admin${index}`, "admin", false);
    const member = await person(id, `member${index}`, "member", false);
    const billing = await person(id, `billing${index}`, "member", true);
    // One spare person per Admin client, whose role only that client changes.
    for (let spare = 0; spare < Math.ceil(clientCount / organizationCount); spare += 1) spares.push(await person(id, `spare${index}-${spare}`, "member", false));
    orgs.push({ id, index, plan, names: [name], admin, member, billing, spares });
  }
  // The organization purged during the run: its chats and messages in SQL.
  const [purged] = await db.insert(organizations).values({ name: "Purged org", plan: "team" }).returning({ id: organizations.id });
  const purgeAdmin = await person(purged!.id, "purge-admin", "admin", false);
  await db.execute(sql`insert into chats (organization_id, user_id, title) select ${purged!.id}, ${purgeAdmin.id}, 'Chat ' || g from generate_series(1, ${purgeChats}) g`);
  await db.execute(sql`insert into messages (chat_id, author, body)
    select c.id, case when m % 2 = 0 then 'assistant' else 'user' end, 'Message ' || m || ' of a chat that is about to be purged.'
    from chats c cross join generate_series(1, ${messagesPerChat}) m where c.organization_id = ${purged!.id}`);
  await vacuumAnalyze(database);
  return { orgs, purged: { id: purged!.id, name: "Purged org", admin: purgeAdmin } };
}

// ---- what a person does --------------------------------------------------------------------
const signOutLabel = en.Common.signOut;

async function signIn(browser: Browser, person: Person): Promise<boolean> {
  const page = await browser.get("GET /sign-in", "/en/sign-in");
  const form = findForm(page.html, "password");
  if (!check(page.status === 200 && !!form, `${person.email}: the sign-in page shows its form`, page)) return false;
  const answer = await browser.submit("POST sign-in", "/en/sign-in", form!, { email: person.email, password: benchPassword });
  const landed = answer.status === 303 && !!answer.location && new URL(answer.location, baseUrl).pathname === "/en/studio";
  if (!check(landed && browser.hasSession(), `${person.email}: signing in lands on the studio with a session`, answer)) return false;
  const studio = await browser.get("GET /studio", "/en/studio");
  return check(studio.status === 200, `${person.email}: the studio opens after sign-in`, studio);
}

async function signOut(browser: Browser, person: Person): Promise<void> {
  const page = await browser.get("GET /chat", "/en/chat");
  const form = formsOf(page.html).find((candidate) => candidate.html.includes(`>${signOutLabel}<`));
  if (!check(page.status === 200 && !!form, `${person.email}: the sign-out button is there`, page)) return;
  const answer = await browser.submit("POST sign-out", "/en/chat", form!);
  check(answer.status === 303 && !browser.hasSession(), `${person.email}: signing out ends the session cookie`, answer);
  const after = await browser.get("GET /admin/organization (signed out)", "/en/admin/organization");
  check(after.status >= 300 && after.status < 400 && !!after.location?.includes("/sign-in"), `${person.email}: signed out, the console sends to sign-in`, after);
}

async function startChat(browser: Browser, person: Person, tag: string) {
  const page = await browser.get("GET /chat", "/en/chat");
  const form = findForm(page.html, "message");
  if (!check(page.status === 200 && !!form, `${person.email}: the chat page has its start form`, page)) return;
  const message = `Load question ${tag}`;
  const answer = await browser.submit("POST start chat", "/en/chat", form!, { message });
  check(answer.status === 200 && textOf(answer.html).includes(en.Chat.started.replace("{title}", message)), `${person.email}: starting a chat says it started`, answer);
  const list = await browser.get("GET /chat", "/en/chat");
  check(list.status === 200 && textOf(list.html).includes(message), `${person.email}: the new chat is in the list`, list);
}

async function viewOrganization(browser: Browser, org: Org, person: Person) {
  // The Organization page is the Admins'; everyone sees the organization's name in Chat.
  const path = person === org.admin ? "/en/admin/organization" : "/en/chat";
  const page = await browser.get(`GET ${path.slice(3)}`, path);
  const text = textOf(page.html);
  // The Admin may be renaming it meanwhile: any name it has had is right.
  check(page.status === 200 && org.names.some((name) => text.includes(name)), `${person.email}: ${path} shows the organization's name`, page);
}

async function rename(browser: Browser, org: Org, tag: string) {
  const page = await browser.get("GET /admin/organization", "/en/admin/organization");
  const form = formsOf(page.html).find((candidate) => candidate.fields.some(([name]) => name === "name") && !candidate.fields.some(([name]) => name === "q"));
  if (!check(page.status === 200 && !!form, `${org.admin.email}: the rename form is there`, page)) return;
  const name = `Load org ${org.index} r${tag}`;
  org.names.push(name);
  const answer = await browser.submit("POST rename", "/en/admin/organization", form!, { name });
  check(answer.status === 200 && textOf(answer.html).includes(en.OrganizationPage.renamed.replace("{name}", name)), `${org.admin.email}: the rename says it is done`, answer);
  const after = await browser.get("GET /admin/organization", "/en/admin/organization");
  const renamedForm = formsOf(after.html).find((candidate) => candidate.fields.some(([field, value]) => field === "name" && value === name));
  check(after.status === 200 && !!renamedForm, `${org.admin.email}: the Organization page shows the new name`, after);
}

function pendingList(html: string): string {
  const start = html.indexOf('data-testid="pending-invitations"');
  return start === -1 ? "" : html.slice(start, html.indexOf("</ul>", start));
}

async function inviteAndRevoke(browser: Browser, org: Org, tag: string) {
  const page = await browser.get("GET /admin/members", "/en/admin/members");
  if (!check(page.status === 200 && page.html.includes(org.admin.email), `${org.admin.email}: the Members page lists the Admin`, page)) return;
  const invitesAllowed = org.plan === "team" || org.plan === "enterprise";
  const form = formsOf(page.html).find((candidate) => candidate.fields.some(([name]) => name === "email") && candidate.fields.some(([name]) => name === "role"));
  if (!invitesAllowed) {
    check(!form && page.html.includes('data-testid="invitation-plan-gate"'), `${org.admin.email}: on ${org.plan}, invitations are offered only as a plan upgrade`, page);
    return;
  }
  if (!check(!!form, `${org.admin.email}: the invite form is there`, page)) return;
  const email = `invitee-${tag}@load.example.test`;
  const answer = await browser.submit("POST invite", "/en/admin/members", form!, { email, role: "member", billing: null });
  check(answer.status === 200 && answer.html.includes('data-testid="invitation-created"') && textOf(answer.html).includes(email), `${org.admin.email}: the invitation is created`, answer);
  const listed = await browser.get("GET /admin/members", "/en/admin/members");
  const pending = pendingList(listed.html);
  if (!check(listed.status === 200 && pending.includes(email), `${org.admin.email}: the invitation appears in the pending list`, listed)) return;
  const item = pending.split("<li").find((entry) => entry.includes(email))!;
  const id = /name="invitationId" value="([^"]+)"/.exec(item)?.[1];
  const revokeForm = id ? findForm(listed.html, "invitationId", id) : undefined;
  if (!check(!!revokeForm, `${org.admin.email}: the invitation has its revoke button`, listed)) return;
  const revoked = await browser.submit("POST revoke invitation", "/en/admin/members", revokeForm!);
  check(revoked.status === 303 && !!revoked.location?.includes("notice=revoked"), `${org.admin.email}: revoking says so`, revoked);
  const after = await browser.get("GET /admin/members", "/en/admin/members");
  check(after.status === 200 && !pendingList(after.html).includes(email), `${org.admin.email}: the revoked invitation left the list`, after);
}

async function changeRole(browser: Browser, org: Org, spare: Person, step: number) {
  const page = await browser.get("GET /admin/members", "/en/admin/members");
  const roleForm = (html: string) => formsOf(html).find((candidate) => candidate.fields.some(([name, value]) => name === "userId" && value === spare.id) && candidate.fields.some(([name]) => name === "role"));
  const form = roleForm(page.html);
  if (!check(page.status === 200 && !!form, `${org.admin.email}: ${spare.email} has a role form`, page)) return;
  const current = form!.fields.find(([name]) => name === "role")![1];
  const role = current === "admin" ? "member" : "admin";
  const billing = step % 3 === 0;
  const answer = await browser.submit("POST change role", "/en/admin/members", form!, { role, billing: billing ? "on" : null });
  check(answer.status === 303 && !!answer.location?.includes("notice=roleSaved"), `${org.admin.email}: changing ${spare.email} to ${role} is saved`, answer);
  const after = await browser.get("GET /admin/members", "/en/admin/members");
  const shown = roleForm(after.html);
  const fields = new Map(shown?.fields ?? []);
  check(after.status === 200 && fields.get("role") === role && fields.has("billing") === billing, `${org.admin.email}: the Members page shows ${spare.email} as ${role}${billing ? " + Billing" : ""}`, after);
}

async function refused(browser: Browser, label: string, path: string, person: Person) {
  const answer = await browser.get(`GET ${path} (refused)`, `/en${path}`);
  check(answer.status === 403, `${person.email}: ${label} is refused with 403`, answer);
}

async function opens(browser: Browser, label: string, path: string, person: Person) {
  const answer = await browser.get(`GET ${path}`, `/en${path}`);
  check(answer.status === 200, `${person.email}: ${label} opens`, answer);
}

async function runClient(index: number, orgs: Org[], until: () => boolean, ramp = rampMs) {
  const org = orgs[index % orgs.length]!;
  const kind: Kind = ["admin", "member", "billing"][Math.floor(index / orgs.length) % 3] as Kind;
  const person = org[kind];
  const spare = org.spares[Math.floor(index / orgs.length) % org.spares.length]!;
  const browser = new Browser(baseUrl, record);
  // People arrive over the first seconds rather than all in the same millisecond (sign-in runs scrypt).
  await new Promise((resolve) => setTimeout(resolve, index * ramp));
  await signIn(browser, person);
  const tasks: Record<Kind, ((step: number) => Promise<void>)[]> = {
    admin: [
      () => viewOrganization(browser, org, person),
      (step) => rename(browser, org, `${index}-${step}`),
      (step) => inviteAndRevoke(browser, org, `${index}-${step}`),
      (step) => changeRole(browser, org, spare, step),
      (step) => startChat(browser, person, `${index}-${step}`),
      () => opens(browser, "the audit log", "/admin/audit", person),
    ],
    member: [
      () => viewOrganization(browser, org, person),
      () => refused(browser, "the Members page", "/admin/members", person),
      (step) => startChat(browser, person, `${index}-${step}`),
      () => refused(browser, "the Billing page", "/admin/billing", person),
      () => opens(browser, "the studio", "/studio", person),
      () => refused(browser, "the API keys page", "/admin/api-keys", person),
      () => refused(browser, "the Organization page", "/admin/organization", person),
    ],
    billing: [
      () => opens(browser, "the Billing page", "/admin/billing", person),
      () => refused(browser, "the Members page", "/admin/members", person),
      (step) => startChat(browser, person, `${index}-${step}`),
      () => viewOrganization(browser, org, person),
      () => refused(browser, "the Organization page", "/admin/organization", person),
    ],
  };
  for (let step = 1; !until(); step += 1) {
    if (step % signInEvery === 0) {
      await signOut(browser, person);
      await signIn(browser, person);
      continue;
    }
    const list = tasks[kind];
    await list[(step + index) % list.length]!(step);
  }
}

// ---- the purge during the run --------------------------------------------------------------
async function purgeDuringRun(database: Awaited<ReturnType<typeof createBenchDatabase>>, purged: { id: string; name: string; admin: Person }) {
  const browser = new Browser(baseUrl, record);
  await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, (runSeconds * 1000) / 6)));
  if (!(await signIn(browser, purged.admin))) return null;
  const page = await browser.get("GET /admin/organization", "/en/admin/organization");
  const form = formsOf(page.html).find((candidate) => candidate.fields.some(([name]) => name === "confirmation") && !candidate.fields.some(([name]) => name === "password"));
  if (!check(!!form, "the purge form is there", page)) return null;
  const started = Date.now();
  const answer = await browser.submit("POST purge chats", "/en/admin/organization", form!, { confirmation: purged.name });
  check(answer.status === 303, "requesting the purge answers with a redirect to the organization page", answer);
  while (Date.now() - started < 10 * 60_000) {
    const [job] = await database.db.select().from(jobs).where(and(eq(jobs.organizationId, purged.id), eq(jobs.kind, "purge_chats")));
    if (job?.state === "done" || job?.state === "failed") break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return Date.now() - started;
}

async function main() {
  const database = await createBenchDatabase();
  let failed = false;
  try {
    const seedStarted = performance.now();
    const { orgs, purged } = await seed(database);
    console.log(`# Mixed load: ${clientCount} clients for ${runSeconds} s, ${orgs.length} organizations (${plans.join(", ")} in turn) + 1 purged (${purgeChats.toLocaleString("en")} chats, ${(purgeChats * messagesPerChat).toLocaleString("en")} messages); seeded in ${seconds(performance.now() - seedStarted)}`);
    const server = await startServer(database.url);
    // Warm-up: one sign-in and the pages once, outside the figures.
    const warm = new Browser(baseUrl);
    await signIn(warm, orgs[0]!.admin);
    for (const path of ["/en/admin/organization", "/en/admin/members", "/en/chat", "/en/admin/audit", "/en/admin/billing"]) await warm.get("warm", path);
    routes.clear();
    wrong.length = 0;

    // The same pages and actions one at a time first: the latency of each route on its own, in
    // this run, so the figures under load read as ratios even on a busy machine.
    const baselineSeconds = Number(process.env.BENCH_BASELINE_SECONDS ?? 16);
    for (const index of [2, 2 + orgs.length]) {
      const baselineStarted = Date.now();
      await runClient(index, orgs, () => Date.now() - baselineStarted > (baselineSeconds * 1000) / 2, 0);
    }
    const alone = new Map([...routes].map(([label, route]) => [label, percentile(route.ms, 50)]));
    routes.clear();

    const started = Date.now();
    const until = () => Date.now() - started > runSeconds * 1000;
    const purge = purgeDuringRun(database, purged);
    await Promise.all(Array.from({ length: clientCount }, (_, index) => runClient(index, orgs, until)));
    const elapsed = (Date.now() - started) / 1000;
    const purgeMs = await purge;
    const peak = server.peakRssMb();
    await server.stop();

    // The purge: done once, nothing left, one audit event.
    const [job] = await database.db.select().from(jobs).where(and(eq(jobs.organizationId, purged.id), eq(jobs.kind, "purge_chats")));
    const [left] = await queryRows<{ chats: number }>(database.db, sql`select count(*)::int as chats from chats where organization_id = ${purged.id}`);
    const events = await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, purged.id), eq(auditEvents.action, "organization.chatsPurged")));
    check(job?.state === "done", `the purge job ended done (it is ${job?.state ?? "missing"})`);
    check(Number(left?.chats) === 0, `the purged organization has no chats left (${left?.chats})`);
    check(events.length === 1, `the purge wrote one audit event (${events.length})`);
    // Every rename the clients saw confirmed is the organization's name now, for the last one.
    const names = await database.db.select({ id: organizations.id, name: organizations.name }).from(organizations);
    for (const org of orgs) check(names.find((row) => row.id === org.id)?.name === org.names.at(-1), `organization ${org.index} keeps its last name`);

    const all = [...routes.values()];
    const requests = all.reduce((total, route) => total + route.ms.length, 0);
    const statuses = new Map<number, number>();
    for (const route of all) for (const [status, count] of route.statuses) statuses.set(status, (statuses.get(status) ?? 0) + count);
    console.log(`requests: ${requests} in ${elapsed.toFixed(1)} s (${(requests / elapsed).toFixed(1)}/s)`);
    console.log(`answers by status: ${[...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status === 0 ? "network error" : status}: ${count}`).join(", ")}`);
    const serverErrors = [...statuses].filter(([status]) => status === 0 || status >= 500).reduce((total, [, count]) => total + count, 0);
    console.log(`5xx and network errors: ${serverErrors}`);
    console.log(`wrong answers: ${wrong.length}`);
    for (const line of [...new Set(wrong)].slice(0, 20)) console.log(`  - ${line}`);
    console.log(`purge of ${purgeChats.toLocaleString("en")} chats under load: ${purgeMs === null ? "not started" : seconds(purgeMs)}, job ${job?.state} after ${job?.attempts} attempt(s)`);
    console.log("route | requests | statuses | p50 | p95 | p99 (ms) | p50 alone before the load (ms)");
    for (const [label, route] of [...routes].sort(([a], [b]) => a.localeCompare(b))) {
      const codes = [...route.statuses].map(([status, count]) => `${status}×${count}`).join(" ");
      console.log(`${label} | ${route.ms.length} | ${codes} | ${Math.round(percentile(route.ms, 50))} | ${Math.round(percentile(route.ms, 95))} | ${Math.round(percentile(route.ms, 99))} | ${alone.has(label) ? Math.round(alone.get(label)!) : "-"}`);
    }
    console.log(`server peak RSS: ${peak} MB`);
    failed = serverErrors > 0 || wrong.length > 0;
    console.log(failed ? "FAIL" : "PASS: no 5xx, no wrong answer");
  } finally {
    await database.close();
  }
  return failed;
}

void main().then(
  (failed) => process.exit(failed ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
