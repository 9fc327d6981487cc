import "server-only";
import { decode } from "next-auth/jwt";
import { authSecret } from "@/lib/core/secrets";

/** Auth.js's session cookie names: `__Secure-` over HTTPS, plain over HTTP. */
export const sessionCookieNames = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** What a valid cookie says: the session row it names (null for a cookie from before session rows). */
export type SessionClaims = { sessionId: string | null };

/**
 * Tokens this process has already decrypted, with what they said and when they expire. A browser
 * sends the same cookie with every request, and decrypting it (HKDF, then AES through WebCrypto)
 * cost about a twentieth of a console page's CPU. Only tokens that decrypted with the current secret
 * are kept, until their own expiry; a new secret empties the cache. The session row is still read on
 * every request, so a revoked session is refused as before: this replaces the cryptography, not the check.
 */
const decrypted = new Map<string, { claims: SessionClaims; expiresAt: number }>();
const decryptedLimit = 2_000;
let decryptedWith: string | null = null;

async function decodeOnce(value: string, name: string, now: number): Promise<SessionClaims | null> {
  const secret = authSecret();
  if (decryptedWith !== secret) {
    decrypted.clear();
    decryptedWith = secret;
  }
  const key = `${name}=${value}`;
  const known = decrypted.get(key);
  if (known) {
    if (now < known.expiresAt) return known.claims;
    // Past the expiry the token itself states: refused, as decrypting it again would be.
    decrypted.delete(key);
    return null;
  }
  const token = await decode({ token: value, secret, salt: name });
  if (!token) return null;
  const claims = { sessionId: typeof token.sid === "string" ? token.sid : null };
  // A token without an expiry is decrypted each time (Auth.js always sets one).
  if (typeof token.exp === "number") {
    if (decrypted.size >= decryptedLimit) decrypted.delete(decrypted.keys().next().value!);
    decrypted.set(key, { claims, expiresAt: token.exp * 1000 });
  }
  return claims;
}

/**
 * Reads the session cookie without refreshing it, so the request gate decides alone what goes
 * back to the browser (a dropped cookie stays dropped). Expired or forged tokens read as none.
 */
export async function readSessionCookie(cookies: { get(name: string): { value: string } | undefined }, now = Date.now()): Promise<SessionClaims | null> {
  for (const name of sessionCookieNames) {
    const value = cookies.get(name)?.value;
    if (!value) continue;
    try {
      const claims = await decodeOnce(value, name, now);
      if (claims) return claims;
    } catch {
      // A token signed with another secret, or tampered with: the visitor is signed out.
    }
  }
  return null;
}
