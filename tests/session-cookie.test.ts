import { encode } from "next-auth/jwt";
import { readSessionCookie } from "@/lib/auth/session-cookie";

const name = "authjs.session-token";
const sid = "9b1f4a2e-7c3d-4e5f-8a6b-1c2d3e4f5a6b";

async function cookieOf(token: Record<string, unknown>, options: { secret?: string; maxAge?: number } = {}) {
  const value = await encode({ token, secret: options.secret ?? process.env.AUTH_SECRET!, salt: name, maxAge: options.maxAge ?? 3600 });
  return { get: (asked: string) => (asked === name ? { value } : undefined) };
}

describe("reading the session cookie, decrypted once per token", () => {
  const secret = process.env.AUTH_SECRET;
  afterEach(() => {
    process.env.AUTH_SECRET = secret;
  });

  it("reads the same session from the same cookie, again and again", async () => {
    const cookie = await cookieOf({ sid });
    expect(await readSessionCookie(cookie)).toEqual({ sessionId: sid });
    expect(await readSessionCookie(cookie)).toEqual({ sessionId: sid });
  });

  it("refuses a token once it has expired, even one it read before", async () => {
    const cookie = await cookieOf({ sid }, { maxAge: 60 });
    expect(await readSessionCookie(cookie)).toEqual({ sessionId: sid });
    expect(await readSessionCookie(cookie, Date.now() + 61_000)).toBeNull();
  });

  it("refuses a tampered token, and a token read before once the secret changed", async () => {
    const cookie = await cookieOf({ sid });
    const value = cookie.get(name)!.value;
    const tampered = `${value.slice(0, -6)}${value.slice(-6) === "AAAAAA" ? "BBBBBB" : "AAAAAA"}`;
    expect(await readSessionCookie({ get: () => ({ value: tampered }) })).toBeNull();
    expect(await readSessionCookie(cookie)).toEqual({ sessionId: sid });
    process.env.AUTH_SECRET = "another-secret-for-this-test-0000000000000";
    expect(await readSessionCookie(cookie)).toBeNull();
  });

  it("refuses a token made with another secret, and reads one without a session as none named", async () => {
    expect(await readSessionCookie(await cookieOf({ sid }, { secret: "not-our-secret-000000000000000000000000" }))).toBeNull();
    expect(await readSessionCookie(await cookieOf({ sub: "someone" }))).toEqual({ sessionId: null });
  });
});
