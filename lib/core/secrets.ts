import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * A secret from the environment, or, for a single self-hosted instance without one, a random value
 * kept in `.data/<file>` (mode 0600), so a fresh clone starts with no configuration.
 */
function fromEnvOrDataFile(variable: string, file: string, generate: () => string, create = true): string {
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  const location = path.join(process.cwd(), ".data", file);
  try {
    return fs.readFileSync(location, "utf8").trim();
  } catch (error) {
    if (!create) throw new Error(`${variable} is not set and .data/${file} does not exist`, { cause: error });
    fs.mkdirSync(path.dirname(location), { recursive: true });
    const secret = generate();
    try {
      fs.writeFileSync(location, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(location, "utf8").trim();
    }
  }
}

/** `AUTH_SECRET` when set (required to scale out), else a random one kept in `.data/`. */
export function authSecret(): string {
  return fromEnvOrDataFile("AUTH_SECRET", "auth-secret", () => randomBytes(32).toString("base64url"));
}

/**
 * `AUDIT_CHAIN_KEY`, the HMAC key of the audit hash chain: never in the database, so database access
 * alone cannot recompute the chain. Production requires it (server.mjs refuses to start without it);
 * elsewhere a random one is kept in `.data/`. A command that only verifies passes `create: false`:
 * a key it made up would fail every event.
 */
export function auditChainKey(options: { create?: boolean } = {}): string {
  if (!process.env.AUDIT_CHAIN_KEY && process.env.NODE_ENV === "production") throw new Error("AUDIT_CHAIN_KEY is required in production");
  const key = fromEnvOrDataFile("AUDIT_CHAIN_KEY", "audit-chain-key", () => randomBytes(32).toString("base64url"), options.create ?? true);
  if (key.length < 32) throw new Error("AUDIT_CHAIN_KEY must be at least 32 characters long");
  return key;
}

/** Why the server may not start: production without the audit chain's key, or a key too short. Null when it may. */
export function secretsStartupProblem(env: Record<string, string | undefined> = process.env): string | null {
  const key = env.AUDIT_CHAIN_KEY;
  if (key === undefined || key === "") {
    return env.NODE_ENV === "production" ? "Org Console: set AUDIT_CHAIN_KEY (32 characters or more) to key the audit log's hash chain." : null;
  }
  return key.length < 32 ? "Org Console: AUDIT_CHAIN_KEY must be at least 32 characters long." : null;
}
