// npm run fault:pglite-kill — fault (c): `kill -9` of the server during writes on the embedded PGlite
// database, then a restart on the same folder. Writers rename the demo organization and invite people
// through the Admin API; every write answered 2xx is recorded. After each kill the folder is opened
// again (the server is dead, so this process is its only user): it must open, and every acknowledged
// write must be there. FAULT_ROUNDS rounds (default 3) on one folder; FAULT_WRITERS concurrent
// writers (default 4); the kill falls FAULT_KILL_AFTER_MS (default 8,000) ms ± 50% after the first acknowledged write.
// Prints the counts, then PASS or FAIL (exit 1).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { openDatabase, type Database } from "@/db";
import { auditEvents, invitations, organizations, users } from "@/db/schema";
import { loadUserViewer } from "@/lib/auth/session-user";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { seedDemo } from "@/lib/demo/seed";
import { baseUrl, seconds, startServer, type Server } from "./support";

process.env.AUDIT_CHAIN_KEY ??= "bench-audit-chain-key-not-for-production-000";
process.env.API_RATE_LIMIT_PER_MINUTE ??= "1000000";
process.env.SEED_DEMO = "true";

const rounds = Number(process.env.FAULT_ROUNDS ?? 3);
const writers = Number(process.env.FAULT_WRITERS ?? 4);
const killAfterMs = Number(process.env.FAULT_KILL_AFTER_MS ?? 8000);

const failures: string[] = [];
function check(ok: boolean, label: string) {
  console.log(`${ok ? "ok  " : "FAIL"} ${label}`);
  if (!ok) failures.push(label);
}

/** Acknowledged writes: the new names, and the invited addresses. */
type Acknowledged = { renames: string[]; invitations: string[]; refused: Record<string, number>; unanswered: number };

/** One writer: renames and invitations in turn until told to stop, keeping what was acknowledged. */
async function writer(secret: string, round: number, index: number, stop: () => boolean, seen: Acknowledged): Promise<void> {
  const headers = { authorization: `Bearer ${secret}`, "content-type": "application/json" };
  for (let n = 0; !stop(); n += 1) {
    const rename = n % 2 === 0;
    const value = rename ? `Acme r${round} w${index} n${n}` : `r${round}-w${index}-n${n}@example.test`;
    try {
      const response = await fetch(`${baseUrl}${rename ? "/api/v1/organization" : "/api/v1/invitations"}`, {
        method: rename ? "PATCH" : "POST",
        headers,
        body: JSON.stringify(rename ? { name: value } : { email: value, role: "member" }),
      });
      // A 2xx status line is the acknowledgment, even if the kill cuts the body that follows.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) {
        if (rename) seen.renames.push(value);
        else seen.invitations.push(value);
      } else seen.refused[response.status] = (seen.refused[response.status] ?? 0) + 1;
    } catch {
      // The kill: no answer, so nothing was acknowledged.
      seen.unanswered += 1;
      return;
    }
  }
}

async function killServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  process.kill(-server.process.pid!, "SIGKILL");
  await exited;
}

/** Opens the folder in this process (nobody else holds it now) and counts what survived. */
async function verify(dataDir: string, seen: Acknowledged, acmeId: string): Promise<void> {
  const started = performance.now();
  let database: Database;
  try {
    database = await openDatabase({ dataDir });
  } catch (error) {
    check(false, `the folder opens after the kill (${(error as Error).message})`);
    return;
  }
  const openMs = performance.now() - started;
  try {
    const renamed = await database.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, acmeId), eq(auditEvents.action, "organization.renamed")));
    const names = new Set(renamed.map((event) => (event.data as { to?: string }).to));
    const lostRenames = seen.renames.filter((name) => !names.has(name));
    const found = seen.invitations.length
      ? await database.db.select({ email: invitations.email }).from(invitations).where(and(eq(invitations.organizationId, acmeId), inArray(invitations.email, seen.invitations)))
      : [];
    const [organization] = await database.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, acmeId));
    const lastAcknowledged = new Set(seen.renames);
    console.log(
      `reopened in ${seconds(openMs)}: ${seen.renames.length - lostRenames.length} of ${seen.renames.length} acknowledged renames and ${new Set(found.map((row) => row.email)).size} of ${seen.invitations.length} acknowledged invitations there; organization now named "${organization?.name}"`,
    );
    check(lostRenames.length === 0, `every acknowledged rename is in the audit log (${lostRenames.length} missing${lostRenames.length ? `: ${lostRenames.slice(0, 3).join(", ")}` : ""})`);
    const invited = new Set(found.map((row) => row.email));
    const lostInvitations = seen.invitations.filter((email) => !invited.has(email));
    check(lostInvitations.length === 0, `every acknowledged invitation is there (${lostInvitations.length} missing${lostInvitations.length ? `: ${lostInvitations.join(", ")}` : ""})`);
    check(renamed.length >= seen.renames.length, `rename events ≥ acknowledged renames (${renamed.length} events in the log so far; writes in flight at the kill may be there too)`);
    check(!!organization && (names.has(organization.name) || lastAcknowledged.has(organization.name) || organization.name === "Acme Demo"), "the organization's name is one that was written");
  } finally {
    await database.close();
  }
}

async function main(): Promise<number> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "faults-pglite-"));
  const dataDir = path.join(root, "pglite");
  process.env.PGLITE_DIR = dataDir;
  console.log(`# Fault (c): kill -9 during acknowledged writes on PGlite — ${rounds} rounds, ${writers} writers, folder ${dataDir}`);
  // The demo data and an Admin API key, written before the server starts (one process at a time).
  const setup = await openDatabase({ dataDir });
  await seedDemo(setup.db);
  const [admin] = await setup.db.select().from(users).where(eq(users.email, "admin@example.com"));
  const lookup = await loadUserViewer(setup.db, admin!.id);
  if (lookup.status !== "ok") throw new Error("demo admin not found");
  const key = await createApiKey(setup.db, lookup.viewer, { name: "Fault writer", scopes: ["organization:read", "organization:write", "members:read", "members:write"], expiry: "never" });
  if (!key.ok) throw new Error(`could not create the API key: ${key.error}`);
  const acmeId = admin!.organizationId;
  await setup.close();

  let total = { renames: 0, invitations: 0 };
  for (let round = 1; round <= rounds; round += 1) {
    console.log(`\n## round ${round}`);
    const restarted = performance.now();
    // An empty DATABASE_URL: the embedded database in PGLITE_DIR.
    const server = await startServer("");
    console.log(`server up on the folder in ${seconds(performance.now() - restarted)}`);
    const seen: Acknowledged = { renames: [], invitations: [], refused: {}, unanswered: 0 };
    let killed = false;
    const running = Array.from({ length: writers }, (_, index) => writer(key.secret, round, index, () => killed, seen));
    // The kill falls a random time after the first acknowledged write (a fresh server's first requests are slow).
    const waitingSince = Date.now();
    while (seen.renames.length + seen.invitations.length === 0 && Date.now() - waitingSince < 60_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const after = Math.round(killAfterMs * (0.5 + Math.random()));
    await new Promise((resolve) => setTimeout(resolve, after));
    await killServer(server);
    killed = true;
    await Promise.all(running);
    console.log(`kill -9 ${after} ms after the first acknowledged write: ${seen.renames.length} renames and ${seen.invitations.length} invitations acknowledged, ${seen.unanswered} requests cut off, refused: ${JSON.stringify(seen.refused)}`);
    check(seen.renames.length + seen.invitations.length > 0, "writes were acknowledged before the kill");
    await verify(dataDir, seen, acmeId);
    total = { renames: total.renames + seen.renames.length, invitations: total.invitations + seen.invitations.length };
  }
  console.log("\n## restart after the last kill");
  const server = await startServer("");
  const health = await fetch(`${baseUrl}/api/health`);
  check(health.status === 200, `the server opens the folder and answers /api/health ${health.status}`);
  await server.stop();
  fs.rmSync(root, { recursive: true, force: true });
  console.log(`\ntotal: ${total.renames} renames and ${total.invitations} invitations acknowledged over ${rounds} kills`);
  console.log(failures.length === 0 ? "PASS" : `FAIL: ${failures.length} check(s) failed`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log("FAIL");
    process.exit(1);
  },
);
