import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { Viewer } from "@/lib/core/actor";
import { authSecret } from "@/lib/core/secrets";
import { sessionCookieNames } from "./session-cookie";

/**
 * One session read per request: the middleware hands the viewer it resolved to the page.
 *
 * The middleware reads the session row (it must: it gates sections on role and plan). Reading it
 * again in the page cost a second JWT decode (HKDF + AES-GCM) and a second three-table join. So the
 * middleware puts the viewer on the REQUEST headers under `x-org-console-viewer`, sealed:
 *
 *   v1.<issued at, ms>.<viewer as base64url JSON>.<HMAC-SHA256>
 *
 * The MAC covers the version, the time, the viewer, the request's script nonce (fresh per request,
 * taken from the CSP request header the middleware sets) and the raw session cookie(s) the request
 * carries. Its key is derived from AUTH_SECRET with HKDF under its own label, so it is useless for
 * anything else (Auth.js's own keys are derived with other labels).
 *
 * Nothing here trusts the middleware to have run. A client can send a header of this name (the
 * middleware deletes it first on every request it sees; a known class of Next.js bypass skips the
 * middleware): without the secret it cannot make a valid MAC. A sealed value copied from another
 * session fails (other cookie), from another request fails (other nonce), an old one fails (older
 * than `maxAgeMs`). In every such case `openViewerHandoff` answers null and the page reads the
 * session from the database itself, as before. The value never leaves the server: it rides on the
 * request the middleware forwards to the page, never on a response.
 */
export const viewerHandoffHeader = "x-org-console-viewer";

/** A page renders well within this after its middleware ran; older values are refused. */
const maxAgeMs = 30_000;
const version = "v1";

let derived: { secret: string; key: Buffer } | null = null;
function handoffKey(): Buffer {
  const secret = authSecret();
  if (derived?.secret !== secret) {
    derived = { secret, key: Buffer.from(hkdfSync("sha256", secret, "", "org-console viewer handoff v1", 32)) };
  }
  return derived.key;
}

type HeaderReader = { get(name: string): string | null };
type CookieReader = { get(name: string): { value: string } | undefined };

/** The request's script nonce, from the CSP header the middleware put on the request. */
function nonceOf(headers: HeaderReader): string | null {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(headers.get("content-security-policy") ?? "")?.[1] ?? null;
}

/** What binds a value to the browser's session: the session cookies exactly as sent. */
function cookieBinding(cookies: CookieReader): string | null {
  const parts = sessionCookieNames.flatMap((name) => {
    const value = cookies.get(name)?.value;
    return value ? [`${name}=${value}`] : [];
  });
  return parts.length > 0 ? parts.join(";") : null;
}

function mac(issuedAt: string, payload: string, nonce: string, binding: string): Buffer {
  return createHmac("sha256", handoffKey()).update(`${version}\n${issuedAt}\n${nonce}\n${binding}\n${payload}`).digest();
}

/** The viewer in a form that survives JSON (dates as epoch milliseconds), without the request context. */
type Wire = Omit<Viewer, "organization" | "twoStepSetup" | "context" | "sessionCheckedAt"> & {
  organization: Omit<Viewer["organization"], "createdAt"> & { createdAt: number };
  sessionCheckedAt?: number;
  twoStepSetup?: { deadline: number; setupOnly: boolean };
};

function toWire(viewer: Viewer): Wire {
  const { context: _context, twoStepSetup, organization, sessionCheckedAt, ...rest } = viewer;
  return {
    ...rest,
    organization: { ...organization, createdAt: organization.createdAt.getTime() },
    ...(sessionCheckedAt ? { sessionCheckedAt: sessionCheckedAt.getTime() } : {}),
    ...(twoStepSetup ? { twoStepSetup: { deadline: twoStepSetup.deadline.getTime(), setupOnly: twoStepSetup.setupOnly } } : {}),
  };
}

function fromWire(wire: Wire): Viewer {
  const { twoStepSetup, organization, sessionCheckedAt, ...rest } = wire;
  return {
    ...rest,
    organization: { ...organization, createdAt: new Date(organization.createdAt) },
    ...(sessionCheckedAt === undefined ? {} : { sessionCheckedAt: new Date(sessionCheckedAt) }),
    ...(twoStepSetup ? { twoStepSetup: { deadline: new Date(twoStepSetup.deadline), setupOnly: twoStepSetup.setupOnly } } : {}),
  };
}

/** Middleware, first thing on every request: whatever the client sent under this name is dropped. */
export function dropViewerHandoff(headers: Headers): void {
  headers.delete(viewerHandoffHeader);
}

/**
 * Middleware, once the session row was read: the sealed viewer on the request headers (none without
 * a nonce or cookie). Only for GET and HEAD: a POST runs a server action, which may change the very
 * person or organization (a rename) and then renders its result in the same request, with the same
 * headers; that render must read the database after the change, not this snapshot from before it.
 */
export function handOffViewer(request: { method: string; headers: Headers; cookies: CookieReader }, viewer: Viewer, now = Date.now()): void {
  if (request.method !== "GET" && request.method !== "HEAD") return;
  const { headers, cookies } = request;
  const nonce = nonceOf(headers);
  const binding = cookieBinding(cookies);
  if (!nonce || !binding) return;
  const issuedAt = String(now);
  const payload = Buffer.from(JSON.stringify(toWire(viewer))).toString("base64url");
  headers.set(viewerHandoffHeader, `${version}.${issuedAt}.${payload}.${mac(issuedAt, payload, nonce, binding).toString("base64url")}`);
}

/** Page: the viewer this request's middleware resolved, or null (absent, forged, another session or request, stale). */
export function openViewerHandoff(headers: HeaderReader, cookies: CookieReader, now = Date.now()): Viewer | null {
  const value = headers.get(viewerHandoffHeader);
  const nonce = nonceOf(headers);
  const binding = cookieBinding(cookies);
  if (!value || !nonce || !binding) return null;
  const [tag, issuedAt, payload, signature, extra] = value.split(".");
  if (tag !== version || !issuedAt || !payload || !signature || extra !== undefined || !/^\d{1,15}$/.test(issuedAt)) return null;
  const age = now - Number(issuedAt);
  if (age > maxAgeMs || age < -1_000) return null;
  const expected = mac(issuedAt, payload, nonce, binding);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return fromWire(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Wire);
  } catch {
    return null;
  }
}
