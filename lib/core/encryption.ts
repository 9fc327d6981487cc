import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Secrets kept at rest (TOTP secrets, webhook secrets) are sealed with AES-256-GCM under
 * `ENCRYPTION_KEY` (32 bytes, base64). Production refuses to start without it (server.mjs);
 * development and tests use a random key kept in `.data/`, like the auth secret.
 */
const version = "v1";

function keyFromFile(): Buffer {
  const file = path.join(process.cwd(), ".data", "encryption-key");
  try {
    return Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const key = randomBytes(32).toString("base64");
    try {
      fs.writeFileSync(file, key, { flag: "wx", mode: 0o600 });
      return Buffer.from(key, "base64");
    } catch {
      return Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
    }
  }
}

let cached: { source: string | undefined; key: Buffer } | null = null;

export function encryptionKey(): Buffer {
  const fromEnv = process.env.ENCRYPTION_KEY;
  if (cached && cached.source === fromEnv) return cached.key;
  if (!fromEnv && process.env.NODE_ENV === "production") throw new Error("ENCRYPTION_KEY is required in production (32 bytes, base64).");
  const key = fromEnv ? Buffer.from(fromEnv, "base64") : keyFromFile();
  if (key.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes, base64-encoded.");
  cached = { source: fromEnv, key };
  return key;
}

/** `v1.<iv>.<tag>.<ciphertext>`, each part base64url: a fresh 12-byte IV per secret. */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [version, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), sealed.toString("base64url")].join(".");
}

/** Opens what `encryptSecret` sealed; throws when the value was tampered with or the key changed. */
export function decryptSecret(stored: string): string {
  const [tag, iv, authTag, sealed] = stored.split(".");
  if (tag !== version || !iv || !authTag || sealed === undefined) throw new Error("Not an encrypted secret.");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(authTag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
}

/** Why production cannot start (no key, or not 32 bytes), or null: one line for the console. */
export function encryptionStartupProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.ENCRYPTION_KEY;
  if (!raw) return env.NODE_ENV === "production" ? "Org Console: set ENCRYPTION_KEY (32 random bytes, base64: `openssl rand -base64 32`); production does not start without it." : null;
  return Buffer.from(raw, "base64").length === 32 ? null : "Org Console: ENCRYPTION_KEY must be 32 bytes, base64-encoded (`openssl rand -base64 32`).";
}
