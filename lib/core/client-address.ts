/**
 * The client address, never chosen by the client (DESIGN.md, trust boundaries). Either our custom
 * server (server.mjs, what `npm start` runs) wrote the socket address into a header of ours on every
 * request, or TRUSTED_PROXIES=N proxies stand in front and the N-th X-Forwarded-For entry from the
 * right is the one the outermost of them saw.
 */

/** Overwritten by server.mjs on every request with the socket's address; a client's own value never survives. */
export const clientAddressHeader = "x-org-console-client-address";

/** server.mjs sets this in its own environment, so the app knows the header above is ours. */
export const customServerVariable = "ORG_CONSOLE_CUSTOM_SERVER";

export const missingClientAddressMessage =
  "Org Console: start the server with `npm start` (node server.mjs), or set TRUSTED_PROXIES to the number of proxies in front of `next start`; production does not start without one of them.";

function trustedProxies(env: Record<string, string | undefined>): number | undefined {
  const raw = env.TRUSTED_PROXIES?.trim();
  if (!raw) return undefined;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 20) throw new Error(`Org Console: TRUSTED_PROXIES must be a whole number from 1 to 20 (${raw}).`);
  return count;
}

/** Why the server may not start: production with no trustworthy client address. Null when it may. */
export function clientAddressStartupProblem(env: Record<string, string | undefined> = process.env): string | null {
  try {
    if (trustedProxies(env) !== undefined || env[customServerVariable] === "true") return null;
  } catch (error) {
    return (error as Error).message;
  }
  return env.NODE_ENV === "production" ? missingClientAddressMessage : null;
}

/** The client address, or null when nothing trustworthy tells it (e.g. bare `next dev`). */
export function clientAddressFrom(headers: Headers, env: Record<string, string | undefined> = process.env): string | null {
  const proxies = trustedProxies(env);
  if (proxies !== undefined) {
    const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
    return entries.length >= proxies ? entries[entries.length - proxies]! : null;
  }
  if (env[customServerVariable] === "true") return headers.get(clientAddressHeader)?.trim() || null;
  return null;
}
