/**
 * Auth.js answered 500 to a callback URL it cannot read (`?callbackUrl=%ff`, or the same in its
 * callback-url cookie): found by `npm run fuzz`. The route now refuses it with 400.
 */
import { NextRequest } from "next/server";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";

const origin = "http://localhost:3000";

describe("/api/auth with a callback URL Auth.js cannot read", () => {
  it.each(["%ff", "%ef%bf%bd", "ht%00tp:x", "javascript:alert(1)"])("answers 400 to callbackUrl=%s, not a server error", async (raw) => {
    const response = await GET(new NextRequest(`${origin}/api/auth/session?callbackUrl=${raw}`));
    expect(response.status).toBe(400);
  });

  it("answers 400 to the same in Auth.js's callback-url cookie, on GET and POST", async () => {
    const headers = { cookie: "authjs.callback-url=%ff" };
    expect((await GET(new NextRequest(`${origin}/api/auth/session`, { headers }))).status).toBe(400);
    expect((await POST(new NextRequest(`${origin}/api/auth/signout`, { method: "POST", headers, body: "" }))).status).toBe(400);
  });

  it("still serves a usable callback URL", async () => {
    for (const callbackUrl of ["/en/studio", "http://localhost:3000/en/admin"]) {
      const response = await GET(new NextRequest(`${origin}/api/auth/session?callbackUrl=${encodeURIComponent(callbackUrl)}`));
      expect(response.status).toBeLessThan(500);
      expect(response.status).not.toBe(400);
    }
  });
});
