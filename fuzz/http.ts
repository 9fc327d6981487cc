// The HTTP fuzzer: malformed bodies, wrong content types and methods, oversized payloads and hostile
// headers to every route handler (enumerated from app/**/route.ts), a few pages and server-action
// POSTs with a bogus Next-Action header — signed out, as each role, with a key of each scope.
// Property: never a 5xx, never a hang (a timeout per request). Runs against `npm start`'s server.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { queryRows } from "@/lib/core/db";
import { scopes } from "@/lib/core/api-scopes";
import { seedDemo } from "@/lib/demo/seed";
import { createInvitation } from "@/lib/members/invitations";
import { addDomain } from "@/lib/domains/domains";
import { addEndpoint } from "@/lib/audit/streams";
import { requestExport } from "@/lib/lifecycle/exports";
import { viewerOf } from "@/tests/support/factories";
import { insertKey } from "@/tests/support/api";
import { createScratchDatabase } from "@/tests/support/db";
import { serverUrl, sessionCookie, startServer } from "@/bench/support";
import { hostileString, hostileValue } from "./hostile";
import type { TargetReport } from "./report";
import { condense } from "./domain";

const port = Number(process.env.FUZZ_PORT ?? 3651);
const timeoutMs = Number(process.env.FUZZ_HTTP_TIMEOUT_MS ?? 15_000);
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

type Route = { path: string; methods: string[]; label: string };

/** Every app/**\/route.ts, its URL template (locale → "en") and the methods it exports. */
function routeHandlers(): Route[] {
  const found: Route[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const exported = methods.filter((method) => new RegExp(`export (async function ${method}\\b|const (\\{[^}]*\\b${method}\\b[^}]*\\}|${method}\\b))`).test(source));
        const template = path
          .relative("app", path.dirname(full))
          .split(path.sep)
          .filter((segment) => !/^\(.*\)$/.test(segment))
          .join("/");
        found.push({ path: `/${template}`, methods: exported, label: `/${template}` });
      }
    }
  };
  walk("app");
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

type Identity = { label: string; headers: Record<string, string> };

async function prepare() {
  // BENCH_DB_PREFIX names it, as the benchmarks' databases, so parallel checkouts on one server tell theirs apart.
  const database = await createScratchDatabase(serverUrl, process.env.BENCH_DB_PREFIX ?? "fuzz");
  const { db } = database;
  await seedDemo(db);
  const people = await queryRows<{ id: string; email: string; organization_id: string }>(db, sql`select id, email, organization_id from users`);
  const person = (email: string) => people.find((row) => row.email === email)!;
  const admin = await viewerOf(db, person("admin@example.com").id);
  const invitation = await createInvitation(db, admin, { email: "invited@example.org", role: "member" });
  const domain = await addDomain(db, admin, { domain: "acme-fuzz.example" });
  const endpoint = await addEndpoint(db, admin, { url: "https://hooks.invalid/audit" });
  const exported = await requestExport(db, admin);
  const ids: Record<string, string> = {
    organizationId: admin.organization.id,
    memberId: person("member@example.com").id,
    invitationId: invitation.ok ? invitation.invitation.id : crypto.randomUUID(),
    domainId: domain.ok ? domain.domain.id : crypto.randomUUID(),
    endpointId: endpoint.ok ? endpoint.endpointId : crypto.randomUUID(),
    exportId: exported.ok ? exported.export.id : crypto.randomUUID(),
    id: exported.ok ? exported.export.id : crypto.randomUUID(),
    jobId: exported.ok ? exported.export.id : crypto.randomUUID(),
    requestId: crypto.randomUUID(),
    locale: "en",
  };
  const identities: Identity[] = [{ label: "signed out", headers: {} }];
  for (const email of ["admin@example.com", "billing@example.com", "member@example.com", "owner@globex.example"]) {
    const row = person(email);
    identities.push({ label: email.split("@")[0]!, headers: { cookie: await sessionCookie(db, row.id, row.organization_id) } });
  }
  for (const scope of scopes) {
    const key = await insertKey(db, admin.organization.id, [scope]);
    identities.push({ label: `key ${scope}`, headers: { authorization: `Bearer ${key.secret}` } });
  }
  const all = await insertKey(db, admin.organization.id, scopes);
  identities.push({ label: "key all scopes", headers: { authorization: `Bearer ${all.secret}` } });
  return { database, ids, identities };
}

function concrete(template: string, ids: Record<string, string>): string {
  return template
    .replace(/\[\.\.\.nextauth\]/, "session")
    .replace(/\[locale\]/, "en")
    .replace(/\[(\w+)\]/g, (_, name: string) => ids[name] ?? crypto.randomUUID());
}

type Sent = { status: number; ms: number } | { error: string; ms: number };

/** The largest body any route reads (lib/core/request-body.ts); above it a reset while sending is a refusal. */
const largestCap = 64 * 1024;

/**
 * One request over a raw socket client: any header, any bytes, chunked or not. The body is written
 * with backpressure and no more once an answer came: a server may refuse a body before reading it
 * (413), then close; that answer is what counts.
 */
function send(options: { method: string; path: string; headers: Record<string, string>; body?: Buffer | null; chunked?: boolean }): Promise<Sent> {
  const started = performance.now();
  return new Promise((resolve) => {
    let answered: number | null = null;
    let settled = false;
    const settle = (sent: Sent) => {
      if (settled) return;
      settled = true;
      resolve(sent);
    };
    const headers = { ...options.headers };
    if (options.body && !options.chunked) headers["content-length"] ??= String(options.body.length);
    const request = http.request({ host: "127.0.0.1", port, method: options.method, path: options.path, headers, timeout: timeoutMs, insecureHTTPParser: true, maxHeaderSize: 256 * 1024 }, (response) => {
      answered = response.statusCode ?? 0;
      response.on("data", () => {});
      response.on("end", () => settle({ status: answered!, ms: performance.now() - started }));
      response.on("error", () => settle({ status: answered!, ms: performance.now() - started }));
      response.on("close", () => settle({ status: answered!, ms: performance.now() - started }));
    });
    request.on("timeout", () => {
      request.destroy();
      settle({ error: `no answer within ${timeoutMs} ms`, ms: performance.now() - started });
    });
    request.on("error", (error) => {
      if (answered !== null) return settle({ status: answered, ms: performance.now() - started });
      // A reset while still sending: the answer may be in flight; give it a moment.
      // A server that refuses a body above its cap closes the connection; unread bytes make that a reset,
      // which may drop the 413 already sent. That is a refusal too (status 0 below), not a failure.
      const code = (error as NodeJS.ErrnoException).code ?? error.message;
      const oversized = (options.body?.length ?? 0) > largestCap && (code === "ECONNRESET" || code === "EPIPE");
      setTimeout(() => settle(answered !== null ? { status: answered, ms: performance.now() - started } : oversized ? { status: 0, ms: performance.now() - started } : { error: `connection ${code} before any answer`, ms: performance.now() - started }), 200);
    });
    const body = options.body;
    if (!body) return void request.end();
    const chunk = 64 * 1024;
    let offset = 0;
    const pump = () => {
      while (offset < body.length && answered === null && !request.destroyed) {
        const piece = body.subarray(offset, offset + chunk);
        offset += chunk;
        if (!request.write(piece)) return void request.once("drain", pump);
      }
      if (!request.destroyed) request.end();
    };
    pump();
  });
}

/** encodeURIComponent that keeps lone surrogates, as invalid UTF-8 (%ED%A0%80…), instead of throwing. */
function encode(text: string): string {
  return Array.from(text, (char) => {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    return encodeURIComponent(char);
  }).join("");
}

const jsonish = (value: unknown) => {
  try {
    return JSON.stringify(value, (_key, entry: unknown) => (typeof entry === "bigint" ? Number(entry) : entry)) ?? "null";
  } catch {
    return "{}";
  }
};

/** A malformed or hostile body and the content type it claims. */
const bodies: fc.Arbitrary<{ kind: string; body: Buffer | null }> = fc.oneof(
  fc.constant({ kind: "none", body: null }),
  fc.dictionary(fc.constantFrom("name", "email", "role", "billing", "days", "enabled", "confirmation", "url", "domain", "scopes", "plan", "requiredFor", "graceDays", "password", "joinMode"), hostileValue(), { maxKeys: 4 }).map((value) => ({ kind: "json object", body: Buffer.from(jsonish(value)) })),
  hostileValue().map((value) => ({ kind: "json value", body: Buffer.from(jsonish(value)) })),
  fc.tuple(hostileValue(), fc.nat()).map(([value, cut]) => {
    const text = jsonish({ value });
    return { kind: "truncated json", body: Buffer.from(text.slice(0, cut % Math.max(1, text.length))) };
  }),
  fc.integer({ min: 1000, max: 100_000 }).map((depth) => ({ kind: "deep nesting", body: Buffer.from(`${"[".repeat(depth)}${"]".repeat(depth)}`) })),
  fc.integer({ min: 1000, max: 20_000 }).map((depth) => ({ kind: "deep objects", body: Buffer.from(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`) })),
  fc.constantFrom("1e999999", "-1e999999", "123456789012345678901234567890", '{"days": 1e400}', '{"days": 99999999999999999999}', '{"name": 0.1e-99999}').map((text) => ({ kind: "huge number", body: Buffer.from(text) })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: "random bytes", body: Buffer.concat([Buffer.from('{"name":"'), Buffer.from(bytes), Buffer.from([0xff, 0xfe, 0xc0, 0x80]), Buffer.from('"}')]) })),
  hostileString().map((text) => ({ kind: "nul bytes", body: Buffer.from(`{"name":"\u0000${text.slice(0, 5000)}\u0000"}\u0000`) })),
  hostileString().map((text) => ({ kind: "form", body: Buffer.from(`name=${encode(text.slice(0, 5000))}&name=%ff%fe&days=1e999`) })),
);

const contentTypes = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-16",
  "application/merge-patch+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "multipart/form-data",
  "application/xml",
  "application/octet-stream",
  "",
  "application/json; charset=\"",
  "application/json; charset=x-unknown",
);

const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    host: fc.constantFrom("evil.example", "127.0.0.1:1", "[::1]", "a".repeat(300), "localhost:3651@evil.example", ""),
    authorization: fc.constantFrom("Bearer ", "Bearer oc_", "Bearer oc_" + "x".repeat(5000), "Basic Zm9vOmJhcg==", "Bearer \t", "bearer oc_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Bearer a b c", "Bearer %00"),
    cookie: fc.constantFrom("authjs.session-token=" + "x".repeat(12_000), "authjs.session-token=garbage", "authjs.session-token=eyJhbGciOiJub25lIn0.e30.", "a=b; " .repeat(500), "NEXT_LOCALE=../../etc"),
    "accept-language": fc.constantFrom("*", "xx-YY;q=2", "fr-FR,fr;q=0.9", "\u00e9".repeat(10)),
    "x-forwarded-for": fc.constantFrom("1.2.3.4", "not-an-ip", "::1, 10.0.0.1"),
    "idempotency-key": fc.constantFrom("", "k".repeat(1000), "same-key", "\u00e9"),
    accept: fc.constantFrom("application/x-ndjson", "text/html", "*/*", "application/zip"),
    "next-action": fc.constantFrom("0000000000000000000000000000000000000000", "bogus", "x".repeat(500)),
    "content-encoding": fc.constantFrom("gzip", "br", "identity"),
  },
  { requiredKeys: [] },
).map((headers) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.replace(/[^\t\x20-\x7e]/g, "?")])));

const queries = fc.oneof(
  fc.constant(""),
  hostileString().map((text) => `?cursor=${encode(text.slice(0, 2000))}&limit=${encode(text.slice(0, 20))}`),
  fc.constantFrom("?limit=-1", "?limit=1e999", "?limit=99999999999999999999", "?cursor=%ff%fe", "?cursor=%00", "?from=2026-13-45&to=x", "?callbackUrl=//evil.example", "?locale=xx&callbackUrl=%ff", "?a=1&a=2&a[]=3", "?%"),
);

type Target = { label: string; path: string; methods: string[]; page?: boolean };

export async function runHttpFuzz(options: { runs: number; only?: RegExp; seed?: number }): Promise<TargetReport[]> {
  const { database, ids, identities } = await prepare();
  console.log(`  server on port ${port}, database ${database.name}`);
  const server = await startServer(database.url, { port });
  const reports: TargetReport[] = [];
  try {
    const targets: Target[] = routeHandlers().map((route) => ({ label: route.label, path: concrete(route.path, ids), methods: route.methods }));
    // Pages, and server-action POSTs with a bogus Next-Action header (Next answers them itself).
    for (const page of ["/en/sign-in", "/fr/admin/organization", "/en/admin/members", "/fr/help", "/en/invite/xyz", "/en/reset-password"]) {
      targets.push({ label: `page ${page}`, path: page, methods: ["GET", "POST"], page: true });
    }
    for (const target of targets.filter((entry) => !options.only || options.only.test(entry.label))) {
      const started = performance.now();
      let runs = 0;
      const statuses = new Map<number, number>();
      const record = (sent: Sent, what: string, refusalOnly = false) => {
        runs += 1;
        if ("error" in sent) throw new Error(`${what}: ${sent.error}`);
        statuses.set(sent.status, (statuses.get(sent.status) ?? 0) + 1);
        if (sent.status >= 500) throw new Error(`${what}: answered ${sent.status}`);
        // A 10 MB body is refused (413 by the body cap, or earlier: 401, 403, 404, 405), never taken.
        if (refusalOnly && sent.status !== 0 && (sent.status < 400 || sent.status >= 500)) throw new Error(`${what}: answered ${sent.status}, not a refusal`);
      };
      let failure: string | undefined;
      try {
        // Oversized payloads, declared and streamed: refused by the body cap (413), never buffered.
        // Pages are no route handlers: Next keeps the first 1 MB of a POST for server actions; only "no 5xx" holds there.
        for (const method of target.methods.filter((entry) => entry !== "GET" && entry !== "HEAD")) {
          // On pages, Billing too: a section it cannot open is refused by a rewrite, which once hung past 1 MB.
          for (const identity of target.page ? [identities[1]!, identities[2]!, identities.at(-1)!] : [identities[1]!, identities.at(-1)!]) {
            const huge = Buffer.alloc(10 * 1024 * 1024, 0x61);
            record(await send({ method, path: target.path, headers: { ...identity.headers, "content-type": "application/json" }, body: huge }), `${method} 10 MB (declared) as ${identity.label}`, !target.page);
            record(await send({ method, path: target.path, headers: { ...identity.headers, "content-type": "application/json" }, body: huge, chunked: true }), `${method} 10 MB (chunked) as ${identity.label}`, !target.page);
          }
        }
        const method = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(target.methods.length > 0 ? target.methods : ["GET"])) }, { weight: 1, arbitrary: fc.constantFrom(...methods) });
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...identities), method, bodies, contentTypes, fc.option(hostileHeaders, { freq: 4 }), queries, async (identity, verb, body, contentType, extra, query) => {
            const headers: Record<string, string> = { ...(extra ?? {}), ...identity.headers };
            if (extra?.cookie && identity.headers.cookie) headers.cookie = `${identity.headers.cookie}; ${extra.cookie}`;
            if (extra?.authorization && !identity.headers.authorization) headers.authorization = extra.authorization;
            if (contentType) headers["content-type"] = contentType;
            if (target.page && verb === "POST") headers["next-action"] ??= "0000000000000000000000000000000000000000";
            const sendsBody = verb !== "GET" && verb !== "HEAD";
            record(await send({ method: verb, path: `${target.path}${query}`, headers, body: sendsBody ? body.body : null }), `${verb} ${body.kind} as ${identity.label}`);
          }),
          { numRuns: options.runs, seed: options.seed },
        );
      } catch (error) {
        failure = condense(error);
      }
      const seconds = (performance.now() - started) / 1000;
      const summary = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(" ");
      reports.push({ target: `http ${target.label}`, runs, failures: failure ? 1 : 0, seconds, counterexample: failure });
      console.log(`  http ${target.label}: ${runs} requests, ${failure ? "FAILED" : "ok"} in ${seconds.toFixed(1)} s (${summary})`);
    }
  } finally {
    await server.stop();
    await database.close();
  }
  return reports;
}
