import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The running server's door for command-line tools that need the embedded database, which only one
 * process may open (`npm run audit:verify` on PGlite). At start the server writes its loopback URL and
 * a fresh random token next to the database, readable only by the server's user; a command proves it
 * runs as that user by presenting the token.
 */
export type InternalApi = { url: string; token: string };

export function internalApiFile(dataDir: string): string {
  return path.join(path.dirname(dataDir), "internal-api.json");
}

/** Written by the server at start (replacing any earlier token). */
export function writeInternalApi(dataDir: string, url: string): InternalApi {
  const api = { url, token: randomBytes(32).toString("base64url") };
  const file = internalApiFile(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, JSON.stringify(api), { mode: 0o600, flag: "wx" });
  return api;
}

export function readInternalApi(dataDir: string): InternalApi | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(internalApiFile(dataDir), "utf8")) as Partial<InternalApi>;
    return typeof parsed.url === "string" && typeof parsed.token === "string" ? { url: parsed.url, token: parsed.token } : null;
  } catch {
    return null;
  }
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** True when the request's bearer token is the one this server wrote (compared in constant time). */
export function isInternalCaller(authorization: string | null, dataDir: string): boolean {
  const api = readInternalApi(dataDir);
  const presented = authorization?.match(/^Bearer (\S{1,200})$/)?.[1];
  if (!api || !presented) return false;
  return timingSafeEqual(digest(presented), digest(api.token));
}

/** Where the server listens, seen from this machine (server.mjs sets ORG_CONSOLE_INTERNAL_URL). */
export function internalUrl(): string | null {
  return process.env.ORG_CONSOLE_INTERNAL_URL ?? null;
}
