import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { NextRequest, type NextFetchEvent } from "next/server";
import { organizations, users } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast } from "@/tests/support/factories";

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

async function sessionCookie(user: { id: string; organizationId: string }) {
  const token = await encode({
    token: { sub: user.id, organizationId: user.organizationId },
    secret: process.env.AUTH_SECRET!,
    salt: cookieName,
  });
  return `${cookieName}=${token}`;
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

  it("ignores a forged cookie", async () => {
    const response = await visit("/en/admin", `${cookieName}=not-a-real-token`);
    expect(new URL(response.headers.get("location")!).pathname).toBe("/en/sign-in");
  });
});
