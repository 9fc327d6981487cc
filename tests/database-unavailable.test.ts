import { encode } from "next-auth/jwt";
import { NextRequest, type NextFetchEvent } from "next/server";
import type { Database } from "@/db";
import { createCast } from "@/tests/support/factories";
import { startSession } from "@/lib/sessions/sessions";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { callApi, insertKey, serveDatabase } from "@/tests/support/api";
import { databaseUnavailable, isDatabaseUnavailable, unavailablePage, whenDatabaseAnswers } from "@/lib/core/unavailable";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

const database = testDatabaseForThisFile();
type Holder = { __orgConsoleDb?: { opening?: Promise<Database> } };
const holder = globalThis as Holder;

/** What postgres.js throws when nothing listens on the port (a stopped PostgreSQL). */
const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", errno: -111 });
/** A database that stopped answering: every query (any chain of calls, awaited) fails as a refused connection. */
function downChain(): unknown {
  return new Proxy(function () {}, {
    get: (_, key) => (key === "then" ? (_resolve: unknown, reject: (error: unknown) => void) => reject(refused()) : downChain()),
    apply: () => downChain(),
  });
}
const downDatabase = (): Database => ({ db: downChain() as Database["db"], driver: "postgres", close: async () => {} });

describe("telling a database that is down from a query bug", () => {
  it("connection refused, reset, timeouts and PostgreSQL's shutdown codes mean unavailable, also wrapped in a cause", () => {
    expect(isDatabaseUnavailable(refused())).toBe(true);
    expect(isDatabaseUnavailable({ code: "CONNECTION_CLOSED" })).toBe(true);
    expect(isDatabaseUnavailable({ code: "CONNECT_TIMEOUT" })).toBe(true);
    expect(isDatabaseUnavailable({ code: "57P01" })).toBe(true); // terminating connection due to administrator command
    expect(isDatabaseUnavailable({ code: "57P03" })).toBe(true); // the database system is starting up
    expect(isDatabaseUnavailable({ code: "08006" })).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query: select 1", { cause: refused() }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused(), refused()]))).toBe(true);
  });

  it("a query bug, a constraint or a plain error is not unavailability", () => {
    expect(isDatabaseUnavailable({ code: "42P01" })).toBe(false); // undefined table
    expect(isDatabaseUnavailable({ code: "23505" })).toBe(false); // unique violation
    expect(isDatabaseUnavailable(new Error("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it("whenDatabaseAnswers gives the answer, maps unavailability and a blown budget to the marker, and rethrows bugs", async () => {
    expect(await whenDatabaseAnswers(async () => 42)).toBe(42);
    expect(await whenDatabaseAnswers(() => Promise.reject(refused()))).toBe(databaseUnavailable);
    const started = Date.now();
    expect(await whenDatabaseAnswers(() => new Promise(() => {}), 50)).toBe(databaseUnavailable);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(whenDatabaseAnswers(() => Promise.reject(Object.assign(new Error("syntax"), { code: "42601" })))).rejects.toThrow("syntax");
  });
});

describe("what people and clients see while the database is down", () => {
  afterEach(() => serveDatabase(database));

  it("the 503 page is plain localized HTML with Retry-After, in French and English", async () => {
    for (const [locale, catalogue] of [["fr", fr], ["en", en]] as const) {
      const page = unavailablePage(locale);
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).toBe("5");
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const html = await page.text();
      expect(html).toContain(`<html lang="${locale}">`);
      expect(html).toContain(catalogue.Unavailable.title);
      expect(html).not.toMatch(/<script|Error:|at /);
    }
  });

  it("a signed-in page request answers the localized 503 page from the middleware, not a 500", async () => {
    const { admin } = await createCast(database.db, "team");
    const { sessionId } = await startSession(database.db, { user: admin, method: "password" });
    const cookie = `authjs.session-token=${await encode({ token: { sid: sessionId }, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" })}`;
    const middleware = (await import("@/middleware")).default as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;
    holder.__orgConsoleDb = { opening: Promise.resolve(downDatabase()) };
    for (const locale of ["fr", "en"] as const) {
      const request = new NextRequest(new URL(`/${locale}/admin/organization`, "http://localhost:3000"), { headers: { host: "localhost:3000", cookie } });
      const response = await middleware(request, {} as NextFetchEvent);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.text()).toContain((locale === "fr" ? fr : en).Unavailable.title);
    }
  });

  it("an API request answers 503 problem+json in the client's language", async () => {
    const { organization } = await createCast(database.db, "team");
    const key = await insertKey(database.db, organization.id, ["organization:read"]);
    holder.__orgConsoleDb = { opening: Promise.resolve(downDatabase()) };
    const response = await callApi({ method: "GET", path: "/organization", secret: key.secret, headers: { "accept-language": "fr" } });
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ status: 503, code: "unavailable", title: fr.Api.problems.unavailable });
  });

  it("a page whose query met PostgreSQL starting up answers the 503 page, even when the database answers again before its 500 goes out", async () => {
    const { onRequestError } = await import("@/instrumentation");
    const { unavailableAnswer } = await import("@/lib/api/unavailable-answer");
    serveDatabase(database);
    const startingUp = new Error("Failed query: select count(*) from users", { cause: Object.assign(new Error("the database system is starting up"), { code: "57P03" }) });
    onRequestError(startingUp, { headers: { "x-request-id": "render-met-startup-1" } });
    const answer = await unavailableAnswer("/fr/admin/profile", null, "render-met-startup-1");
    expect(answer?.status).toBe(503);
    expect(await answer?.text()).toContain(fr.Unavailable.title);
    // Taken once: the same ID later (another failure) is judged afresh.
    expect(await unavailableAnswer("/fr/admin/profile", null, "render-met-startup-1")).toBeNull();
  });

  it("a page that failed on a query bug keeps its 500 while the database answers", async () => {
    const { onRequestError } = await import("@/instrumentation");
    const { unavailableAnswer } = await import("@/lib/api/unavailable-answer");
    serveDatabase(database);
    onRequestError(Object.assign(new Error("syntax error at or near"), { code: "42601" }), { headers: { "x-request-id": "render-query-bug-1" } });
    expect(await unavailableAnswer("/en/admin/profile", null, "render-query-bug-1")).toBeNull();
  });

  it("a database that cannot be opened at all (nothing listens) is a 503 too", async () => {
    const saved = process.env.DATABASE_URL;
    delete holder.__orgConsoleDb;
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/nothing";
    try {
      const response = await callApi({ method: "GET", path: "/organization", secret: "oc_whatever-whatever-whatever" });
      expect(response.status).toBe(503);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
      delete holder.__orgConsoleDb;
    }
  });
});
