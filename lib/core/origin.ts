import { headers } from "next/headers";

/**
 * The one public origin of this server (DESIGN.md, trust boundaries): every emailed link, SAML
 * address and canonical link is built on it. No request header ever chooses it.
 */

export const missingOriginMessage =
  "Org Console: set APP_URL to the public address of this console (for example https://console.example.com); production does not start without it.";

/** APP_URL (or its alias AUTH_URL) as an origin, or undefined when neither is set. */
export function configuredOrigin(env: Record<string, string | undefined> = process.env): string | undefined {
  const raw = env.APP_URL?.trim() || env.AUTH_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Org Console: APP_URL is not an absolute URL (${raw}).`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`Org Console: APP_URL must start with https:// or http:// (${raw}).`);
  return url.origin;
}

/** Why the server may not start: production without a public origin. Null when it may. */
export function originStartupProblem(env: Record<string, string | undefined> = process.env): string | null {
  try {
    if (configuredOrigin(env)) return null;
  } catch (error) {
    return (error as Error).message;
  }
  return env.NODE_ENV === "production" ? missingOriginMessage : null;
}

// localhost, 127.0.0.0/8 or [::1], with an optional port: nothing else a browser could be sent to by a stranger.
const loopbackHost = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?$/i;

export function isLoopbackHost(host: string | null | undefined): host is string {
  return typeof host === "string" && loopbackHost.test(host);
}

/** Thrown when, in development without APP_URL, a request names a host other than a loopback one. */
export class UntrustedHostError extends Error {
  constructor(host: string | null | undefined) {
    super(`Org Console: the host ${JSON.stringify(host ?? "")} is not a loopback address; set APP_URL to serve other hosts.`);
  }
}

/** Whether a request with this Host may be served: always with APP_URL set, else only a loopback Host. */
export function acceptsHost(host: string | null | undefined): boolean {
  return configuredOrigin() !== undefined || (process.env.NODE_ENV !== "production" && isLoopbackHost(host));
}

/** The public origin: APP_URL, or in development without it the loopback address the visitor used. */
export function publicOrigin(host: string | null | undefined): string {
  const configured = configuredOrigin();
  if (configured) return configured;
  if (process.env.NODE_ENV === "production") throw new Error(missingOriginMessage);
  if (!isLoopbackHost(host)) throw new UntrustedHostError(host);
  return `http://${host.toLowerCase()}`;
}

/** An absolute link to a page of this server, on the public origin. */
export async function absoluteLink(pathWithQuery: string): Promise<string> {
  return `${publicOrigin((await headers()).get("host"))}${pathWithQuery}`;
}
