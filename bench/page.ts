// npm run bench:page — latency and throughput of the Organization page for a signed-in Admin at
// 1, 10 and 50 concurrent clients beside /api/health, what one visit of each console page costs in
// Chromium (first-load JavaScript, HTML, server renders), then the page of organization B while A is purged.
import { eq } from "drizzle-orm";
import { jobs } from "@/db/schema";
import { requestChatPurge } from "@/lib/organizations/organizations";
import { loadUserViewer } from "@/lib/auth/session-user";
import { consolePages, measureEnterpriseAuthentication, measurePageWeights, pageWeightTable, parseCookie, renderDetails } from "./page-weight";
import { afterMaintenance, baseUrl, createBenchDatabase, load, seconds, seedOrganization, sessionCookie, setPlan, sizes, startServer, summarize, vacuumAnalyze, type Target } from "./support";

const levelSeconds = Number(process.env.BENCH_SECONDS ?? 10);

async function measure(target: Target, concurrency: number) {
  const started = Date.now();
  const samples = await load([target], concurrency, () => Date.now() - started > levelSeconds * 1000);
  return summarize(samples, (Date.now() - started) / 1000);
}

async function main() {
  const database = await createBenchDatabase();
  try {
    console.log(`# Organization page: ${sizes.chats.toLocaleString("en")} chats and ${(sizes.chats * sizes.messagesPerChat).toLocaleString("en")} messages per organization, 2 organizations`);
    const started = performance.now();
    const a = await seedOrganization(database, "Bench A");
    const b = await seedOrganization(database, "Bench B");
    await vacuumAnalyze(database);
    console.log(`seeded in ${seconds(performance.now() - started)}`);
    const server = await startServer(database.url);
    await afterMaintenance(server);
    const pageOfA: Target = { label: "Organization page (A)", url: "/en/admin/organization", cookie: await sessionCookie(database.db, a.adminId, a.id) };
    const pageOfB: Target = { label: "Organization page (B)", url: "/en/admin/organization", cookie: await sessionCookie(database.db, b.adminId, b.id) };
    const health: Target = { label: "/api/health", url: "/api/health" };
    await measure(pageOfA, 2); // warm-up
    for (const concurrency of [1, 10, 50]) {
      for (const target of [pageOfA, health]) {
        console.log(`${target.label}, ${concurrency} clients, ${levelSeconds} s: ${JSON.stringify(await measure(target, concurrency))}`);
      }
    }

    console.log("# One visit of each console page in Chromium, English and French (signed-in Admin of a Team organization, the Enterprise Authentication page as B's Admin; fresh context; JS gzip -6 of each script body; renders = document + RSC requests from load until ≥ 3 s and 1 s without a request, ≤ 15 s)");
    const weights = await measurePageWeights(baseUrl, consolePages, [parseCookie(pageOfA.cookie!)]);
    // B (not purged below) as an Enterprise organization: its Admin's Authentication page with the SSO forms.
    weights.push(...(await measureEnterpriseAuthentication(baseUrl, [parseCookie(pageOfB.cookie!)], () => setPlan(database.db, b.id, "enterprise"))));
    console.log(pageWeightTable(weights));
    for (const line of renderDetails(weights)) console.log(`- ${line}`);

    const lookup = await loadUserViewer(database.db, a.adminId);
    if (lookup.status !== "ok") throw new Error("bench admin not found");
    const request = await requestChatPurge(database.db, lookup.viewer, { confirmation: a.name });
    if (!request.ok) throw new Error(request.error);
    let done = false;
    const watching = load([pageOfB], 10, () => done);
    const purgeStarted = Date.now();
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [job] = await database.db.select().from(jobs).where(eq(jobs.id, request.job.id));
      done = job?.state === "done" || job?.state === "failed";
    }
    const samples = await watching;
    console.log(`${pageOfB.label}, 10 clients, while A's purge ran (${seconds(Date.now() - purgeStarted)}): ${JSON.stringify(summarize(samples, (Date.now() - purgeStarted) / 1000))}`);
    console.log(`server memory peak: ${server.peakRssMb()} MB`);
    await server.stop();
  } finally {
    await database.close();
  }
}

void main().then(() => process.exit(0));
