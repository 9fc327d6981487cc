import "server-only";
import { decode } from "next-auth/jwt";
import { authSecret } from "@/lib/core/secrets";

/** Auth.js's session cookie names: `__Secure-` over HTTPS, plain over HTTP. */
export const sessionCookieNames = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** What a valid cookie says: the session row it names (null for a cookie from before session rows). */
export type SessionClaims = { sessionId: string | null };

/**
 * Reads the session cookie without refreshing it, so the request gate decides alone what goes
 * back to the browser (a dropped cookie stays dropped). Expired or forged tokens read as none.
 */
export async function readSessionCookie(cookies: { get(name: string): { value: string } | undefined }): Promise<SessionClaims | null> {
  for (const name of sessionCookieNames) {
    const value = cookies.get(name)?.value;
    if (!value) continue;
    try {
      const token = await decode({ token: value, secret: authSecret(), salt: name });
      if (token) return { sessionId: typeof token.sid === "string" ? token.sid : null };
    } catch {
      // A token signed with another secret, or tampered with: the visitor is signed out.
    }
  }
  return null;
}
