import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Secrets at rest (webhook signing secrets, TOTP secrets): AES-256-GCM with `ENCRYPTION_KEY`, 32 bytes
 * in base64, from the environment and never in the database. Production requires it (instrumentation
 * refuses to start without it); elsewhere a random key is kept in `.data/encryption-key`.
 * Stored form: "v1:" + base64url(12-byte IV ‖ 16-byte tag ‖ ciphertext).
 */
function encryptionKey(): Buffer {
  const fromEnv = process.env.ENCRYPTION_KEY;
  if (fromEnv) return decodeKey(fromEnv);
  if (process.env.NODE_ENV === "production") throw new Error("ENCRYPTION_KEY is required in production");
  const file = path.join(process.cwd(), ".data", "encryption-key");
  try {
    return decodeKey(fs.readFileSync(file, "utf8").trim());
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64"), { flag: "wx", mode: 0o600 });
    } catch {}
    return decodeKey(fs.readFileSync(file, "utf8").trim());
  }
}

function decodeKey(value: string): Buffer {
  const key = Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)");
  return key;
}

/** Why the server may not start: production without ENCRYPTION_KEY, or a key that is not 32 bytes. Null when it may. */
export function encryptionStartupProblem(env: Record<string, string | undefined> = process.env): string | null {
  const value = env.ENCRYPTION_KEY;
  if (!value) return env.NODE_ENV === "production" ? "Org Console: set ENCRYPTION_KEY (32 bytes, base64: openssl rand -base64 32) to encrypt secrets at rest." : null;
  return Buffer.from(value, "base64").length === 32 ? null : "Org Console: ENCRYPTION_KEY must be 32 bytes, base64-encoded.";
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

export function decryptSecret(stored: string): string {
  if (!stored.startsWith("v1:")) throw new Error("unknown encrypted secret format");
  const raw = Buffer.from(stored.slice(3), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
