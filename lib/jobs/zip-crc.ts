import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import zlib from "node:zlib";

/**
 * yazl checksums every entry with buffer-crc32, a byte-at-a-time JavaScript loop: for the
 * 1,000,000-message export it was the largest single cost on the worker's thread (a fifth of its
 * CPU in npm run bench:export's profile). Node 20.15 and later carry the same CRC-32 in C
 * (`zlib.crc32`, several times faster): the module yazl requires is pointed at it, once. Same
 * polynomial, same numbers (checked on the standard test vector before the switch); on an older
 * Node, or if the module is not the one yazl loads, nothing changes but the speed.
 *
 * buffer-crc32 ships a CommonJS and an ES build: yazl requires the CommonJS one, so it is reached
 * here through `require` too (yazl and buffer-crc32 are server-external in next.config.mjs, so the
 * server's bundle and the worker share Node's one copy).
 */
type Crc32Module = { unsigned: (buffer: Buffer | string, previous?: number) => number };

let done = false;

export function switchZipCrc32ToNative(): boolean {
  if (done) return true;
  const native = (zlib as { crc32?: (data: Buffer | string, value?: number) => number }).crc32;
  if (typeof native !== "function") return false;
  const check = Buffer.from("123456789");
  let crc32: Crc32Module;
  try {
    // Resolved from yazl's own place, as yazl's require resolves it.
    const fromApp = createRequire(path.join(process.cwd(), "package.json"));
    crc32 = createRequire(fromApp.resolve("yazl"))("buffer-crc32") as Crc32Module;
  } catch {
    return false;
  }
  // The standard check value, and a sum continued over two pieces as yazl does chunk after chunk.
  const agree = (value: number, expected: number) => value === expected && crc32.unsigned(check) === expected;
  if (!agree(native(check), 0xcbf43926) || native(check.subarray(4), native(check.subarray(0, 4))) !== crc32.unsigned(check.subarray(4), crc32.unsigned(check.subarray(0, 4)))) return false;
  // yazl calls unsigned(chunk, previous) with previous a number (0 for a new entry); a Buffer
  // previous (buffer-crc32's other form) never comes from yazl and keeps the original.
  const original = crc32.unsigned;
  crc32.unsigned = (buffer, previous) =>
    Buffer.isBuffer(buffer) && (previous === undefined || typeof previous === "number") ? native(buffer, previous ?? 0) : original(buffer, previous);
  done = true;
  return true;
}
