/**
 * Auth.js builds the URL of its own session request from AUTH_URL, else from the request's Host
 * header, which a client chooses. A Host such as `localhost@evil.example` made that URL one with
 * credentials, which `new Request` refuses: every page and route reading the session answered 500.
 * The public origin is APP_URL (lib/core/origin.ts); Auth.js is given it.
 */
const requestHeaders = new Headers({ host: "localhost:3000@evil.example" });

jest.mock("next/headers", () => ({
  headers: async () => requestHeaders,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));

describe("the session, whatever Host the client sends", () => {
  it("is read from the public origin, and a hostile Host answers signed out instead of raising", async () => {
    process.env.APP_URL = "http://127.0.0.1:3650";
    delete process.env.AUTH_URL;
    delete process.env.NEXTAUTH_URL;
    const { auth } = await import("@/lib/auth/next-auth");
    await expect(auth()).resolves.toBeNull();
    for (const host of ["evil.example:1@x", "a b", "[::1", ""]) {
      requestHeaders.set("host", host);
      await expect(auth()).resolves.toBeNull();
    }
  });
});
