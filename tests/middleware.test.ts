import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { NextRequest, type NextFetchEvent } from "next/server";
import { organizations, users } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, viewerOf } from "@/tests/support/factories";
import { readSessionCookie } from "@/lib/auth/session-cookie";
import { endSignedOutSession, signMemberOutEverywhere, startSession } from "@/lib/sessions/sessions";

const database = testDatabaseForThisFile();
let middleware: (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

beforeAll(async () => {
  // The middleware asks getDb(); hand it this test's database.
  (globalThis as Record<string, unknown>).__orgConsoleDb = { opening: Promise.resolve(database) };
  middleware = (await import("@/middleware")).default as unknown as typeof middleware;
});
afterAll(async () => {
  delete (globalThis as Record<string, unknown>).__orgConsoleDb;
});

const cookieName = "authjs.session-token";

async function cookieWith(token: Record<string, unknown>) {
  return `${cookieName}=${await encode({ token, secret: process.env.AUTH_SECRET!, salt: cookieName })}`;
}

/** The cookie a browser gets from signing in: it names a new session row, nothing else. */
async function sessionCookie(user: { id: string; organizationId: string }) {
  const { sessionId } = await startSession(database.db, { user, method: "password" });
  return cookieWith({ sid: sessionId });
}

async function visit(path: string, cookie?: string, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { host: "localhost:3000", "x-forwarded-proto": "http", ...extra };
  if (cookie) headers.cookie = cookie;
  const request = new NextRequest(new URL(path, "http://localhost:3000"), { headers });
  return middleware(request, {} as NextFetchEvent);
}

describe("the request gate", () => {
  it("sends a signed-out visitor to sign-in with the asked page as return URL", async () => {
    const response = await visit("/fr/admin/members?filter=ada");
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/fr/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe("/fr/admin/members?filter=ada");
  });

  it("a first visit follows the browser's language, then the language cookie wins", async () => {
    expect(new URL((await visit("/", undefined, { "accept-language": "fr-FR,fr;q=0.9,en;q=0.5" })).headers.get("location")!).pathname).toBe("/fr");
    expect(new URL((await visit("/", undefined, { "accept-language": "en-GB,en;q=0.9" })).headers.get("location")!).pathname).toBe("/en");
    expect(new URL((await visit("/", undefined, { "accept-language": "de-DE" })).headers.get("location")!).pathname).toBe("/en");
    const saved = await visit("/", "NEXT_LOCALE=fr", { "accept-language": "en-GB,en;q=0.9" });
    expect(new URL(saved.headers.get("location")!).pathname).toBe("/fr");
  });

  it("lets a signed-out visitor read sign-in and help", async () => {
    expect((await visit("/en/sign-in")).headers.get("location")).toBeNull();
    expect((await visit("/en/help")).headers.get("location")).toBeNull();
  });

  it("shows a Member the not-allowed page for Admin and Billing sections, and lets them open their profile", async () => {
    const { member } = await createCast(database.db);
    const cookie = await sessionCookie(member);
    for (const section of ["organization", "members", "audit", "billing"]) {
      const response = await visit(`/en/admin/${section}`, cookie);
      expect(response.headers.get("x-middleware-rewrite")).toContain("/en/admin/not-allowed");
    }
    const profile = await visit("/en/admin/profile", cookie);
    expect(profile.headers.get("x-middleware-rewrite") ?? "").not.toContain("not-allowed");
  });

  it("sends a POST to a section the person cannot open, or to no section, to the refusal page (303), never through a rewrite", async () => {
    // A rewrite is proxied by Next with the body it buffered for middleware (1 MB at most): a larger
    // body never reached the refusal page and the request hung (found by npm run fuzz).
    const { member, admin } = await createCast(database.db);
    for (const [path, cookie, page] of [
      ["/en/admin/members", await sessionCookie(member), "/en/admin/not-allowed"],
      ["/fr/admin/nothing-here", await sessionCookie(admin), "/fr/admin/unknown-section"],
    ] as const) {
      const request = new NextRequest(new URL(path, "http://localhost:3000"), {
        method: "POST",
        headers: { host: "localhost:3000", "x-forwarded-proto": "http", cookie, "content-type": "application/json", "next-action": "0".repeat(40) },
        body: JSON.stringify("a".repeat(2 * 1024 * 1024)),
      });
      const response = await middleware(request, {} as NextFetchEvent);
      expect(response.headers.get("x-middleware-rewrite")).toBeNull();
      expect(response.status).toBe(303);
      expect(new URL(response.headers.get("location")!).pathname).toBe(page);
    }
    // A GET still shows the refusal page at the address asked for.
    expect((await visit("/en/admin/members", await sessionCookie(member))).headers.get("x-middleware-rewrite")).toContain("/en/admin/not-allowed");
  });

  it("refuses an address that is not a console section with the not-found page, even to an Admin", async () => {
    const { admin } = await createCast(database.db);
    const cookie = await sessionCookie(admin);
    for (const path of ["/en/admin/whatever", "/fr/admin/no-such-page/deeper"]) {
      const response = await visit(path, cookie);
      expect(response.headers.get("x-middleware-rewrite")).toContain("/admin/unknown-section");
    }
    // The refusal pages themselves pass, or a rewrite Next serves through its own server would loop.
    for (const path of ["/en/admin/unknown-section", "/en/admin/not-allowed"]) {
      expect((await visit(path, cookie)).headers.get("x-middleware-rewrite")).toBeNull();
    }
    for (const path of ["/en/admin", "/en/admin/members", "/fr/admin/help-feedback"]) {
      expect((await visit(path, cookie)).headers.get("x-middleware-rewrite") ?? "").not.toContain("unknown-section");
    }
  });

  it("reads the role from the database on every request: a promotion takes effect at once", async () => {
    const { member } = await createCast(database.db);
    const cookie = await sessionCookie(member);
    expect((await visit("/en/admin/members", cookie)).headers.get("x-middleware-rewrite")).toContain("not-allowed");
    await database.db.update(users).set({ role: "admin" }).where(eq(users.id, member.id));
    expect((await visit("/en/admin/members", cookie)).headers.get("x-middleware-rewrite") ?? "").not.toContain("not-allowed");
  });

  it("signs out a deleted user's still-valid cookie and explains why", async () => {
    const { member } = await createCast(database.db);
    const cookie = await sessionCookie(member);
    await database.db.delete(users).where(eq(users.id, member.id));
    const response = await visit("/en/studio", cookie);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/en/signed-out");
    expect(location.searchParams.get("reason")).toBe("accountDeleted");
    expect(response.headers.get("set-cookie")).toMatch(new RegExp(`${cookieName}=;`));
  });

  it("sends the members of an organization being deleted to the organization-deleted page", async () => {
    const { organization, admin } = await createCast(database.db);
    await database.db.update(organizations).set({ status: "deleting" }).where(eq(organizations.id, organization.id));
    const response = await visit("/fr/admin", await sessionCookie(admin));
    expect(new URL(response.headers.get("location")!).searchParams.get("reason")).toBe("organizationDeleted");
  });

  it("sends a signed-in person away from sign-in to Studio", async () => {
    const { admin } = await createCast(database.db);
    const response = await visit("/en/sign-in", await sessionCookie(admin));
    expect(new URL(response.headers.get("location")!).pathname).toBe("/en/studio");
  });

  it("sends a cookie replayed after sign-out to sign-in, and drops it", async () => {
    const { member } = await createCast(database.db);
    const cookie = await sessionCookie(member);
    expect((await visit("/en/admin", cookie)).headers.get("location")).toBeNull();
    const sid = (await readSessionCookie({ get: () => ({ value: cookie.slice(cookieName.length + 1) }) }))!.sessionId;
    await endSignedOutSession(database.db, sid);
    const response = await visit("/en/admin/profile", cookie);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/en/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe("/en/admin/profile");
    expect(response.headers.get("set-cookie")).toMatch(new RegExp(`${cookieName}=;`));
  });

  it("signs a cookie from before session rows out once, with the sign-in page saying why", async () => {
    const { member } = await createCast(database.db);
    const oldCookie = await cookieWith({ sub: member.id, organizationId: member.organizationId, signedInAt: Math.floor(Date.now() / 1000) });
    const response = await visit("/fr/admin", oldCookie);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/fr/sign-in");
    expect(location.searchParams.get("ended")).toBe("sessionEnded");
    expect(response.headers.get("set-cookie")).toMatch(new RegExp(`${cookieName}=;`));
  });

  it("an Admin's sign-out-everywhere takes effect on the member's next request", async () => {
    const { admin, member } = await createCast(database.db);
    const cookie = await sessionCookie(member);
    expect((await visit("/en/studio", cookie)).headers.get("location")).toBeNull();
    expect(await signMemberOutEverywhere(database.db, await viewerOf(database.db, admin.id), { userId: member.id })).toMatchObject({ ok: true });
    const location = new URL((await visit("/en/studio", cookie)).headers.get("location")!);
    expect(location.pathname).toBe("/en/sign-in");
    expect(location.searchParams.get("ended")).toBe("signedOutByAdmin");
  });

  it("ignores a forged cookie", async () => {
    const response = await visit("/en/admin", `${cookieName}=not-a-real-token`);
    expect(new URL(response.headers.get("location")!).pathname).toBe("/en/sign-in");
  });

  it("in development without APP_URL, answers 400 to a Host that is not loopback, pages and SAML alike", async () => {
    const saved = { app: process.env.APP_URL, auth: process.env.AUTH_URL };
    delete process.env.APP_URL;
    delete process.env.AUTH_URL;
    try {
      for (const path of ["/en/forgot-password", "/api/saml/00000000-0000-4000-8000-000000000000/metadata"]) {
        expect((await visit(path, undefined, { host: "attacker.example" })).status).toBe(400);
      }
      expect((await visit("/en/sign-in", undefined, { host: "127.0.0.1:3000" })).status).toBe(200);
    } finally {
      Object.assign(process.env, saved.app ? { APP_URL: saved.app } : {}, saved.auth ? { AUTH_URL: saved.auth } : {});
    }
  });

  it("gives every page a fresh script nonce, in the answer's CSP and the request Next renders", async () => {
    const first = await visit("/en/sign-in");
    const second = await visit("/en/sign-in");
    const policy = first.headers.get("content-security-policy")!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).not.toContain("'unsafe-inline' 'strict");
    expect(policy.match(/script-src[^;]*/)![0]).not.toContain("unsafe-inline");
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
  });

  it("sends HSTS only when the public origin is https", async () => {
    const saved = process.env.APP_URL;
    try {
      process.env.APP_URL = "https://console.example.com";
      expect((await visit("/en/sign-in")).headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      process.env.APP_URL = "http://localhost:3000";
      expect((await visit("/en/sign-in")).headers.get("strict-transport-security")).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.APP_URL;
      else process.env.APP_URL = saved;
    }
  });
});
