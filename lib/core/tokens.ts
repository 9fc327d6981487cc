import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A new secret for a link or a ticket: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only a SHA-256 of a token is stored: a leaked database does not leak working links. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The shape of every token we hand out; anything else is refused before the database is asked. */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{20,100}$/.test(value);
}
