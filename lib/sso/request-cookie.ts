import { samlPolicy } from "./saml";

/**
 * Binds an AuthnRequest to the browser that started it: the start route sets this cookie, the ACS
 * accepts only a response whose InResponseTo is the ID it holds (no login CSRF with a response
 * obtained in another browser).
 *
 * The identity provider posts to the ACS from its own site, and a cross-site POST carries only a
 * `SameSite=None` cookie, which browsers accept only with `Secure`: so on https the cookie is
 * `__Secure-…; Secure; SameSite=None`. On plain http (development, loopback test IdPs) it has no
 * SameSite attribute: it reaches the ACS from a same-site IdP, and from a cross-site one only
 * where the browser allows it (Chromium: within two minutes). Production runs on https.
 */
const pathFor = (organizationId: string) => `/api/saml/${organizationId}/acs`;
const isSecure = (origin: string) => new URL(origin).protocol === "https:";

export function requestCookieName(origin: string): string {
  return isSecure(origin) ? "__Secure-saml-request" : "saml-request";
}

const attributes = (origin: string, organizationId: string) =>
  [`Path=${pathFor(organizationId)}`, "HttpOnly", ...(isSecure(origin) ? ["Secure", "SameSite=None"] : [])].join("; ");

/** The Set-Cookie value that remembers this browser's AuthnRequest ID for the request's lifetime. */
export function requestCookie(origin: string, organizationId: string, requestId: string): string {
  const maxAge = Math.floor(samlPolicy.requestLifetimeMs / 1000);
  return `${requestCookieName(origin)}=${encodeURIComponent(requestId)}; Max-Age=${maxAge}; ${attributes(origin, organizationId)}`;
}

/** The Set-Cookie value that forgets it (every ACS answer sends it: a request ID serves once). */
export function clearedRequestCookie(origin: string, organizationId: string): string {
  return `${requestCookieName(origin)}=; Max-Age=0; ${attributes(origin, organizationId)}`;
}

/** The AuthnRequest ID this browser started, from the request's Cookie header. */
export function requestIdOfBrowser(cookieHeader: string | null, origin: string): string | null {
  const name = requestCookieName(origin);
  for (const part of (cookieHeader ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    try {
      const value = decodeURIComponent(part.slice(separator + 1).trim());
      return /^_[0-9a-f]{40}$/.test(value) ? value : null;
    } catch {
      return null;
    }
  }
  return null;
}
