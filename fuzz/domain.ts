// The domain fuzzer: every form's domain function, with hostile inputs, for each actor role.
// Properties: it returns a result (ok, or a refusal code) and never throws; a refusal leaves every
// table as it was (throttle counters excepted where a refusal must count).
import fc from "fast-check";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes, scryptSync } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import { demoPassword, seedDemo } from "@/lib/demo/seed";
import { queryRows } from "@/lib/core/db";
import { formFields } from "@/lib/core/form-state";
import type { Viewer } from "@/lib/core/actor";
import { scopes } from "@/lib/core/api-scopes";
import { renameOrganization, requestChatPurge, requestOrganizationDeletion } from "@/lib/organizations/organizations";
import { previewRetention, setRetentionPolicy } from "@/lib/lifecycle/retention";
import { requestExport } from "@/lib/lifecycle/exports";
import { restoreOrganization } from "@/lib/lifecycle/deletion-grace";
import { acceptInvitation, createInvitation, revokeInvitation } from "@/lib/members/invitations";
import { changeMemberRole, leaveOrganization, removeMember } from "@/lib/members/members";
import { changePassword, updateProfile } from "@/lib/members/profile";
import { decideJoinRequest } from "@/lib/domains/domain-join";
import { addDomain, removeDomain, setJoinMode, verifyDomain } from "@/lib/domains/domains";
import { confirmJoin } from "@/lib/domains/join-confirmation";
import { saveConnection, saveConnectionFromMetadata, setSsoRequired } from "@/lib/sso/connections";
import { changePlan } from "@/lib/billing/billing";
import { endOtherSessions, endOwnSession, signMemberOutEverywhere, startSession } from "@/lib/sessions/sessions";
import { confirmTotpSetup, regenerateRecoveryCodes, removeTotp, startTotpSetup } from "@/lib/two-step/factors";
import { confirmIdentity } from "@/lib/two-step/step-up";
import { confirmIdentityWithPasskey, finishPasskeyRegistration, removePasskey } from "@/lib/two-step/passkeys";
import { resetMemberTwoStep, setTwoStepPolicy } from "@/lib/two-step/policy";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { addEndpoint, removeEndpoint, resumeEndpoint, rotateSecret, sendTestEvent, } from "@/lib/audit/streams";
import { setAuditRetention } from "@/lib/audit/retention";
import { recordHelpFeedback } from "@/lib/help/feedback";
import { signUp } from "@/lib/auth/accounts";
import { beginSignIn, completeSecondStep } from "@/lib/auth/two-step-sign-in";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { startChat } from "@/lib/chats/chats";
import { loadSessionUser } from "@/lib/auth/session-user";
import { verifyPassword } from "@/lib/core/passwords";
import { hostileString, hostileValue } from "./hostile";
import { changedTables, takeSnapshot } from "./snapshot";
import type { TargetReport } from "./report";

type Input = Record<string, unknown>;
type Call = (db: Db, actor: Viewer | null, input: Input, form: FormData | null) => Promise<unknown>;
export type DomainTarget = {
  name: string;
  /** The form's field names. */
  fields: string[];
  call: Call;
  /** Tables a refusal must write (throttle counters: a refused attempt still counts). */
  countsRefusals?: string[];
  /** False for functions without an actor (sign-up, sign-in…): the actor is then ignored. */
  actor?: boolean;
  /** Slow per run (started first when targets run in parallel). */
  slow?: boolean;
};

const party = { origin: "http://localhost:3650" };
const noDns = async () => ({ status: "notFound" as const });
const addresses = ["192.0.2.77", "198.51.100.9", "2001:db8::1", "203.0.113.200"];
/** A client address picked from the input, for throttles per address; total over any value (String({ toString: "x" }) throws). */
const addressOf = (input: Input) => {
  const value = input.email ?? input.token;
  return addresses[(typeof value === "string" ? value.length : 0) % addresses.length]!;
};
const throttles = ["sign_in_attempts"];
/** A failed sign-in or second step on a real account is also written to that account's audit log, by design (lib/auth). */
const auditedAttempts = [...throttles, "audit_events"];

export const domainTargets: DomainTarget[] = [
  { name: "organization.rename", fields: ["name"], call: (db, actor, input) => renameOrganization(db, actor, input) },
  { name: "organization.purge", fields: ["confirmation"], call: (db, actor, input) => requestChatPurge(db, actor, input) },
  { name: "organization.delete", fields: ["confirmation", "password"], call: (db, actor, input) => requestOrganizationDeletion(db, actor, input, { origin: party.origin }) },
  { name: "organization.retention.preview", fields: ["enabled", "days", "intent"], call: (db, actor, input) => previewRetention(db, actor, input) },
  { name: "organization.retention.save", fields: ["enabled", "days", "intent"], call: (db, actor, input) => setRetentionPolicy(db, actor, input) },
  { name: "organization.export", fields: [], call: (db, actor) => requestExport(db, actor) },
  { name: "members.invite", fields: ["email", "role", "billing"], call: (db, actor, input) => createInvitation(db, actor, input) },
  { name: "members.role", fields: ["userId", "role", "billing"], call: (db, actor, input) => changeMemberRole(db, actor, input) },
  { name: "members.remove", fields: ["userId", "confirmation"], call: (db, actor, input) => removeMember(db, actor, input) },
  { name: "members.signOut", fields: ["userId"], call: (db, actor, input) => signMemberOutEverywhere(db, actor, input) },
  { name: "members.leave", fields: ["confirmation", "password"], call: (db, actor, input) => leaveOrganization(db, actor, input) },
  { name: "members.resetTwoStep", fields: ["userId"], call: (db, actor, input) => resetMemberTwoStep(db, actor, input) },
  { name: "invitations.revoke", fields: ["invitationId"], call: (db, actor, input) => revokeInvitation(db, actor, input) },
  { name: "invitations.accept", fields: ["token", "name", "password", "confirmPassword"], actor: false, call: (db, _actor, input) => acceptInvitation(db, { ...input, token: input.token }, { locale: "fr" }) },
  { name: "joinRequests.approve", fields: ["requestId"], call: (db, actor, input) => decideJoinRequest(db, actor, input, "approve") },
  { name: "joinRequests.refuse", fields: ["requestId"], call: (db, actor, input) => decideJoinRequest(db, actor, input, "reject") },
  { name: "domains.add", fields: ["domain"], call: (db, actor, input) => addDomain(db, actor, input) },
  { name: "domains.verify", fields: ["domainId"], call: (db, actor, input) => verifyDomain(db, actor, input, noDns) },
  { name: "domains.joinMode", fields: ["domainId", "joinMode"], call: (db, actor, input) => setJoinMode(db, actor, input) },
  { name: "domains.remove", fields: ["domainId"], call: (db, actor, input) => removeDomain(db, actor, input) },
  { name: "domains.confirmJoin", fields: ["token"], actor: false, call: (db, _actor, input) => confirmJoin(db, input.token) },
  { name: "sso.connection", fields: ["idpEntityId", "idpSsoUrl", "idpCertificate"], call: (db, actor, input) => saveConnection(db, actor, input) },
  { name: "sso.metadata", fields: ["idpMetadata"], call: (db, actor, input) => saveConnectionFromMetadata(db, actor, input) },
  { name: "sso.required", fields: ["domainId", "ssoRequired"], call: (db, actor, input) => setSsoRequired(db, actor, input) },
  { name: "twoStep.policy", fields: ["requiredFor", "graceDays"], call: (db, actor, input) => setTwoStepPolicy(db, actor, input) },
  { name: "billing.plan", fields: ["plan"], call: (db, actor, input, form) => changePlan(db, actor, { plan: form ? form.get("plan") : input.plan }) },
  { name: "profile.update", fields: ["name", "locale"], call: (db, actor, input) => updateProfile(db, actor, input) },
  { name: "profile.password", fields: ["currentPassword", "newPassword", "confirmPassword"], countsRefusals: throttles, call: (db, actor, input) => changePassword(db, actor, input) },
  { name: "profile.endSession", fields: ["sessionId"], call: (db, actor, input) => endOwnSession(db, actor, input) },
  { name: "profile.endOtherSessions", fields: [], call: (db, actor) => endOtherSessions(db, actor) },
  { name: "twoStep.start", fields: [], call: (db, actor) => startTotpSetup(db, actor) },
  { name: "twoStep.confirm", fields: ["code"], countsRefusals: throttles, call: (db, actor, input) => confirmTotpSetup(db, actor, input) },
  { name: "twoStep.regenerate", fields: ["code", "recoveryCode", "password"], countsRefusals: throttles, call: (db, actor, input) => regenerateRecoveryCodes(db, actor, input) },
  { name: "twoStep.remove", fields: ["code", "recoveryCode", "password"], countsRefusals: throttles, call: (db, actor, input) => removeTotp(db, actor, input) },
  { name: "twoStep.stepUp", fields: ["code", "recoveryCode", "password"], countsRefusals: throttles, call: (db, actor, input) => confirmIdentity(db, actor, input, { clientAddress: addressOf(input) }) },
  { name: "twoStep.passkeyAdd", fields: ["response", "name"], call: (db, actor, input) => finishPasskeyRegistration(db, actor, { response: input.response, name: input.name }, party) },
  { name: "twoStep.passkeyStepUp", fields: ["response"], countsRefusals: throttles, call: (db, actor, input) => confirmIdentityWithPasskey(db, actor, input.response, party) },
  { name: "twoStep.passkeyRemove", fields: ["passkeyId", "password"], countsRefusals: throttles, call: (db, actor, input) => removePasskey(db, actor, input) },
  {
    name: "apiKeys.create",
    fields: ["name", "expiry", "scopes"],
    call: (db, actor, input, form) =>
      createApiKey(db, actor, form ? { name: form.get("name"), expiry: form.get("expiry"), scopes: form.getAll("scopes").filter((value) => typeof value === "string") } : input),
  },
  { name: "apiKeys.revoke", fields: ["keyId"], call: (db, actor, input, form) => revokeApiKey(db, actor, { keyId: form ? form.get("keyId") : input.keyId }) },
  { name: "auditStreams.add", fields: ["url"], call: (db, actor, input) => addEndpoint(db, actor, input) },
  { name: "auditStreams.test", fields: ["endpointId"], call: (db, actor, input) => sendTestEvent(db, actor, input) },
  { name: "auditStreams.rotate", fields: ["endpointId"], call: (db, actor, input) => rotateSecret(db, actor, input) },
  { name: "auditStreams.resume", fields: ["endpointId"], call: (db, actor, input) => resumeEndpoint(db, actor, input) },
  { name: "auditStreams.remove", fields: ["endpointId"], call: (db, actor, input) => removeEndpoint(db, actor, input) },
  { name: "audit.retention", fields: ["days"], call: (db, actor, input) => setAuditRetention(db, actor, input) },
  { name: "chat.start", fields: ["message"], call: (db, actor, input) => startChat(db, actor, input) },
  {
    name: "help.feedback",
    fields: ["article", "locale", "helpful", "voter"],
    actor: false,
    countsRefusals: throttles,
    call: (db, _actor, input, form) =>
      recordHelpFeedback(db, form ? { article: form.get("article"), locale: form.get("locale") ?? "fr", helpful: form.get("helpful"), voter: form.get("voter") } : input, { clientAddress: addressOf(input) }),
  },
  { name: "auth.signUp", fields: ["organizationName", "name", "email", "password"], actor: false, countsRefusals: throttles, call: (db, _actor, input) => signUp(db, input, { locale: "fr", clientAddress: addressOf(input) }) },
  // An unknown email is checked against a decoy hash at the full cost (lib/core/passwords.ts): ~20 ms a run.
  { name: "auth.signIn", fields: ["email", "password"], actor: false, slow: true, countsRefusals: auditedAttempts, call: (db, _actor, input) => beginSignIn(db, { email: input.email, password: input.password, clientAddress: addressOf(input) }) },
  { name: "auth.secondStep", fields: ["token", "code", "recoveryCode"], actor: false, countsRefusals: auditedAttempts, call: (db, _actor, input) => completeSecondStep(db, input.token, input, { clientAddress: addressOf(input) }) },
  {
    name: "auth.resetRequest",
    fields: ["email"],
    actor: false,
    countsRefusals: throttles,
    call: (db, _actor, input) => requestPasswordReset(db, { email: input.email, clientAddress: addressOf(input) }, { linkFor: (token, locale) => `${party.origin}/${locale}/reset-password?token=${token}` }),
  },
  {
    name: "auth.resetComplete",
    fields: ["token", "newPassword", "confirmPassword"],
    actor: false,
    call: (db, _actor, input, form) =>
      resetPassword(db, form ? { token: form.get("token"), newPassword: form.get("newPassword") ?? undefined, confirmPassword: form.get("confirmPassword") ?? undefined } : { ...input, token: input.token }),
  },
  { name: "organization.restore", fields: ["token"], actor: false, call: (db, _actor, input) => restoreOrganization(db, input) },
];

/** The people of the demo, by role: each run acts as one of them (or as nobody). */
const roles = { admin: "admin@example.com", billing: "billing@example.com", member: "member@example.com", otherAdmin: "owner@globex.example" } as const;
type Role = keyof typeof roles | "signedOut";

/** The seeded database (a PGlite data dir), the IDs to aim inputs at, and a signed-in session per role. */
export type Seeded = { dump: Blob; pool: string[]; sessions: Record<keyof typeof roles, string> };

async function openPglite(loadDataDir?: Blob): Promise<{ client: PGlite; db: Db }> {
  const client = loadDataDir ? new PGlite({ loadDataDir }) : new PGlite("memory://");
  await client.waitReady;
  return { client, db: drizzle({ client, schema }) as unknown as Db };
}

/**
 * scrypt at a low cost (N = 2^10 instead of 2^15), in the format lib/core/passwords.ts stores: its
 * verifyPassword reads the cost from the stored hash, so every check of a demo password runs the
 * same code, 32 times cheaper (a wrong password cost a run ~35 ms of the 40 it took).
 */
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, 32, { N: 2 ** 10, r: 8, p: 1 });
  return ["scrypt", 2 ** 10, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
}

/**
 * The demo data, plus one of each row the forms name (an invitation, a domain, a key, an endpoint…),
 * a session per role, dumped once: each target starts from a copy of the dump.
 */
export async function seed(): Promise<Seeded> {
  const { client, db } = await openPglite();
  await migrate(drizzle({ client, schema }), { migrationsFolder: path.join(process.cwd(), "db", "migrations") });
  await seedDemo(db);
  const hash = cheapHash(demoPassword);
  if (!(await verifyPassword(demoPassword, hash))) throw new Error("the low-cost demo password hash does not verify");
  await db.execute(sql`update users set password_hash = ${hash} where password_hash is not null`);
  const sessions = {} as Seeded["sessions"];
  for (const [role, email] of Object.entries(roles)) {
    const [user] = await queryRows<{ id: string; organizationId: string }>(db, sql`select id, organization_id as "organizationId" from users where email = ${email}`);
    sessions[role as keyof typeof roles] = (await startSession(db, { user: user!, userAgent: "fuzz", clientAddress: "192.0.2.1", method: "password" })).sessionId;
  }
  const admin = await viewerOfSession(db, sessions.admin);
  await createInvitation(db, admin, { email: "invited@example.org", role: "member" });
  await addDomain(db, admin, { domain: "acme-fuzz.example" });
  await createApiKey(db, admin, { name: "Fuzz key", expiry: "30", scopes: ["organization:read"] });
  await addEndpoint(db, admin, { url: "https://hooks.invalid/audit" });
  await beginSignIn(db, { email: roles.member, password: demoPassword, clientAddress: "192.0.2.5" });
  // IDs of every row of every table with an `id`, to aim inputs at real rows (of both organizations).
  const tables = await queryRows<{ name: string }>(db, sql`select table_name as name from information_schema.columns where table_schema = 'public' and column_name = 'id'`);
  const pool: string[] = [];
  for (const { name } of tables) {
    const rows = await queryRows<{ id: unknown }>(db, sql.raw(`select id from "${name}" limit 6`));
    pool.push(...rows.map((row) => String(row.id)));
  }
  const dump = await client.dumpDataDir("none");
  await client.close();
  return { dump, pool, sessions };
}

async function viewerOfSession(db: Db, sessionId: string): Promise<Viewer> {
  const lookup = await loadSessionUser(db, sessionId);
  if (lookup.status !== "ok") throw new Error(`session ${sessionId} is ${lookup.reason}`);
  return lookup.viewer;
}

/** Plausible values, so runs get past the schemas and reach the database: IDs, names, enums, the demo password. */
function plausible(pool: string[]): fc.Arbitrary<string> {
  const words = [
    ...Object.values(roles), "Acme Demo", "Globex", demoPassword, "new-password-123", "Nouveau nom", "invited@example.org", "new@example.org",
    "admin", "member", "billing", "on", "true", "false", "yes", "no", "free", "team", "enterprise", "fr", "en", "de", "30", "7", "0", "365", "1000", "never",
    "save", "preview", "approve", "everyone", "admins", "nobody", "open", "request", "acme-fuzz.example", "example.org", "https://hooks.invalid/x",
    "https://idp.example/sso", "123456", "ABCD-EFGH", "what-is-two-step", "organization:read", ...scopes,
  ];
  return fc.oneof(fc.constantFrom(...words), fc.constantFrom(...pool));
}

/** The input of one run: an object with any types (as a caller could pass) or a FormData with repeated and extra keys. */
function inputs(target: DomainTarget, pool: string[]): fc.Arbitrary<{ input: Input; form: FormData | null; shown: unknown }> {
  const keys = [...target.fields, "extra", "$ACTION_ID_x", "__proto__", "constructor"];
  const value = fc.oneof({ weight: 3, arbitrary: hostileValue() }, { weight: 3, arbitrary: plausible(pool) });
  const asObject = fc
    .array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: target.fields.length + 2 })
    .map((entries) => {
      const input: Input = {};
      for (const [key, entry] of entries) Object.defineProperty(input, key, { value: entry, enumerable: true, configurable: true, writable: true });
      return { input, form: null, shown: entries };
    });
  const asForm = fc
    .array(fc.tuple(fc.constantFrom(...keys), fc.oneof(hostileString(), plausible(pool))), { maxLength: target.fields.length * 2 + 2 })
    .map((entries) => {
      const form = new FormData();
      for (const [key, entry] of entries) form.append(key, entry);
      return { input: formFields(form) as Input, form, shown: { form: entries } };
    });
  return fc.oneof(asObject, asForm);
}

/** A time limit per target (runs stop there, and the table says how many ran). */
const targetSeconds = Number(process.env.FUZZ_TARGET_SECONDS ?? 600);
const callTimeoutMs = Number(process.env.FUZZ_CALL_TIMEOUT_MS ?? 20_000);

/** A call that never settles is a failure too (and the timer keeps the process alive to say so). */
async function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${callTimeoutMs} ms`)), callTimeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function isResult(value: unknown): boolean {
  if (typeof value !== "object" || value === null || typeof (value as { ok?: unknown }).ok !== "boolean") return false;
  return (value as { ok: boolean }).ok || typeof (value as { error?: unknown }).error === "string";
}

const short = (value: unknown) => {
  const text = (() => {
    try {
      return JSON.stringify(value, (_key, entry: unknown) => (typeof entry === "string" && entry.length > 80 ? `${entry.slice(0, 40)}…(${entry.length} chars)` : typeof entry === "bigint" ? `${entry}n` : entry));
    } catch {
      return String(value);
    }
  })();
  return text && text.length > 400 ? `${text.slice(0, 400)}…` : text;
};

export type FuzzOptions = { runs: number; seed?: number; path?: string };

/** A seed per target, printed, so any run can be replayed (FUZZ_TARGET, FUZZ_SEED, and FUZZ_PATH for a failure). */
const newSeed = () => randomBytes(4).readUInt32BE() & 0x7fffffff;

/** One target's runs on its own copy of the seeded database. */
export async function fuzzTarget(target: DomainTarget, seeded: Seeded, options: FuzzOptions): Promise<TargetReport> {
  const started = performance.now();
  const seed = options.seed ?? newSeed();
  const { client, db } = await openPglite(seeded.dump);
  const actors: Record<Role, Viewer | null> = { signedOut: null } as Record<Role, Viewer | null>;
  for (const [role, sessionId] of Object.entries(seeded.sessions)) actors[role as Role] = await viewerOfSession(db, sessionId);
  let snapshot = await takeSnapshot(db);
  let runs = 0;
  let refusals = 0;
  const roleArbitrary = target.actor === false ? fc.constant<Role>("signedOut") : fc.constantFrom<Role>("admin", "billing", "member", "otherAdmin", "signedOut");
  const property = fc.asyncProperty(roleArbitrary, inputs(target, seeded.pool), async (role, { input, form }) => {
    runs += 1;
    let result: unknown;
    try {
      result = await withTimeout(target.call(db, actors[role], input, form));
    } catch (error) {
      snapshot = await takeSnapshot(db);
      throw new Error(`threw ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : String(error)}`);
    }
    if (!isResult(result)) {
      snapshot = await takeSnapshot(db);
      throw new Error(`answered ${short(result)}, not a result`);
    }
    const refused = !(result as { ok: boolean }).ok;
    // The cheap fingerprint first (the WAL position); the tables are hashed only when it moved.
    const { changed, after } = await changedTables(db, snapshot, target.countsRefusals);
    snapshot = after;
    if (!refused) return;
    refusals += 1;
    if (changed.length > 0) throw new Error(`refused (${(result as { error: string }).error}) but changed ${changed.join(", ")}`);
  });
  let failure: string | undefined;
  try {
    // Shrinking replays the function many times (with 1 MB inputs, for minutes): FUZZ_SHRINK=0 reports the first counterexample as found.
    await fc.assert(property, { numRuns: options.runs, seed, path: options.path, endOnFailure: process.env.FUZZ_SHRINK === "0", interruptAfterTimeLimit: targetSeconds * 1000 });
  } catch (error) {
    failure = condense(error);
  }
  await client.close();
  const seconds = (performance.now() - started) / 1000;
  console.log(`  domain ${target.name}: ${runs} runs (${refusals} refused), ${failure ? "FAILED" : "ok"} in ${seconds.toFixed(1)} s, seed ${seed}`);
  return { target: `domain ${target.name}`, runs, failures: failure ? 1 : 0, refusals, seconds, seed, counterexample: failure };
}

/** Worker processes (FUZZ_JOBS, default 2: one per core of the machine it was tuned on), fed targets one at a time. */
const jobs = Math.max(1, Number(process.env.FUZZ_JOBS ?? 2));

export async function runDomainFuzz(options: { runs: number; only?: RegExp; seed?: number; path?: string }): Promise<TargetReport[]> {
  const seedStarted = performance.now();
  const seeded = await seed();
  console.log(`  seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  // The slow ones first, so that no worker is left with one at the end.
  const targets = domainTargets.filter((entry) => !options.only || options.only.test(entry.name)).sort((a, b) => Number(b.slow ?? false) - Number(a.slow ?? false));
  const reports: TargetReport[] = [];
  if (jobs === 1 || targets.length === 1) {
    for (const target of targets) reports.push(await fuzzTarget(target, seeded, options));
  } else {
    reports.push(...(await inWorkers(targets, seeded, options)));
  }
  const order = new Map(domainTargets.map((target, index) => [`domain ${target.name}`, index]));
  return reports.sort((a, b) => order.get(a.target)! - order.get(b.target)!);
}

type ToWorker = { target: string } | { done: true };
type FromWorker = { ready: true } | { report: TargetReport };

/** `jobs` copies of this script (run.ts, with FUZZ_WORKER_DIR) each take the next target when done with one. */
async function inWorkers(targets: DomainTarget[], seeded: Seeded, options: FuzzOptions): Promise<TargetReport[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fuzz-"));
  fs.writeFileSync(path.join(dir, "data.tar"), Buffer.from(await seeded.dump.arrayBuffer()));
  fs.writeFileSync(path.join(dir, "seeded.json"), JSON.stringify({ pool: seeded.pool, sessions: seeded.sessions, options }));
  const queue = [...targets];
  const reports: TargetReport[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.min(jobs, targets.length) }, () =>
        new Promise<void>((resolve) => {
          const child = fork(process.argv[1]!, [], { execArgv: process.execArgv, env: { ...process.env, FUZZ_WORKER_DIR: dir } });
          let current: DomainTarget | undefined;
          const next = () => {
            current = queue.shift();
            child.send((current ? { target: current.name } : { done: true }) satisfies ToWorker);
          };
          child.on("message", (message: FromWorker) => {
            if ("report" in message) reports.push(message.report);
            next();
          });
          child.on("exit", (code, signal) => {
            // A worker that died takes its target down with it, as a failure; the others go on.
            if (current) reports.push({ target: `domain ${current.name}`, runs: 0, failures: 1, seconds: 0, counterexample: `the worker process ended (${signal ?? `exit code ${code}`})` });
            resolve();
          });
        }),
      ),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return reports;
}

/** The worker's side: the seeded dump from FUZZ_WORKER_DIR, then one target per message until told it is done. */
export async function serveDomainWorker(dir: string): Promise<void> {
  const { pool, sessions, options } = JSON.parse(fs.readFileSync(path.join(dir, "seeded.json"), "utf8")) as Omit<Seeded, "dump"> & { options: FuzzOptions };
  const seeded: Seeded = { dump: new Blob([fs.readFileSync(path.join(dir, "data.tar"))]), pool, sessions };
  process.on("message", (message: ToWorker) => {
    if ("done" in message) return void process.disconnect();
    const target = domainTargets.find((entry) => entry.name === message.target)!;
    void fuzzTarget(target, seeded, options).then((report) => process.send!({ report } satisfies FromWorker));
  });
  process.send!({ ready: true } satisfies FromWorker);
}

/** fast-check's report, cut to the shrunk counterexample and the error (its `cause`). */
export function condense(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  const counterexample = /Counterexample: (.*)/.exec(message)?.[1] ?? "";
  const got = cause instanceof Error ? cause.message : (/Got (?:error: )?(.*)/.exec(message)?.[1] ?? message.split("\n")[0]);
  // Long buffers and runs of one character say little past their size.
  const readable = counterexample
    .replace(/Buffer\.from\(\[([\d,]{300,})\]\)/g, (_, bytes: string) => `Buffer(${bytes.split(",").length} bytes: ${JSON.stringify(Buffer.from(bytes.split(",").slice(0, 40).map(Number)).toString("latin1"))}…)`)
    .replace(/(.)\1{49,}/g, (run: string, char: string) => `${char}×${run.length}`);
  // fast-check names the seed and the path to the counterexample: FUZZ_SEED and FUZZ_PATH replay it.
  const replay = /seed: (-?\d+), path: "([^"]*)"/.exec(message);
  return `${got}\n      counterexample: ${readable.length > 1200 ? `${readable.slice(0, 1200)}…` : readable}${replay ? `\n      replay: FUZZ_SEED=${replay[1]} FUZZ_PATH=${replay[2]}` : ""}`;
}

export { short };
