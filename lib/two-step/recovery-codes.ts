import "server-only";
import { randomInt } from "node:crypto";
import { hashToken } from "@/lib/core/tokens";

// No 0/o, 1/l/i: a code copied from paper is typed right the first time.
const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten codes like `k7m2p-x9qtr` (about 49 bits each), shown once. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** What people type, lower-cased, without spaces or dashes: the form the hash is taken of. */
export function normalizedRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]+/g, "");
}

export function hashRecoveryCode(typed: string): string {
  return hashToken(normalizedRecoveryCode(typed));
}
