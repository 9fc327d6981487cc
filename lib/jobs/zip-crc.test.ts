import { createRequire } from "node:module";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { ZipFile } from "yazl";
import { switchZipCrc32ToNative } from "./zip-crc";

/** CRC-32 the textbook way (bit by bit), to hold both implementations to. */
function referenceCrc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

async function zipOf(pieces: Buffer[]): Promise<Buffer> {
  const zip = new ZipFile();
  const parts: Buffer[] = [];
  const written = pipeline(zip.outputStream as Readable, new Writable({ write(chunk: Buffer, _encoding, done) { parts.push(chunk); done(); } }));
  zip.addReadStream(Readable.from(pieces), "data.ndjson");
  zip.end();
  await written;
  return Buffer.concat(parts);
}

function entryCrc(zip: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      file.once("entry", (entry: yauzl.Entry) => resolve(entry.crc32));
      file.readEntry();
    });
  });
}

describe("yazl's checksum through zlib.crc32", () => {
  it("writes the same CRC-32 as before, chunk after chunk", async () => {
    const pieces = [Buffer.from('{"a" : "é 🙂"}\n'), Buffer.alloc(70_000, 0x41), Buffer.from([0, 255, 13, 10]), Buffer.alloc(0), Buffer.from("end\n")];
    const expected = referenceCrc32(Buffer.concat(pieces));
    const before = await entryCrc(await zipOf(pieces));
    // The copy Node itself loads for yazl (jest keeps a registry of its own, which the zips here use).
    const bufferCrc32 = createRequire(createRequire(path.join(process.cwd(), "package.json")).resolve("yazl"))("buffer-crc32") as { unsigned: (buffer: Buffer, previous?: number) => number };
    const original = bufferCrc32.unsigned;
    const switched = switchZipCrc32ToNative();
    // Node 20.15 and later have zlib.crc32; the switch is only skipped on older versions.
    expect(switched).toBe(typeof (await import("node:zlib")).crc32 === "function");
    if (switched) expect(bufferCrc32.unsigned).not.toBe(original);
    // As yazl calls it: each chunk continues the previous chunk's sum, starting from 0.
    let chunked = 0;
    for (const piece of pieces) chunked = bufferCrc32.unsigned(piece, chunked);
    expect(chunked).toBe(expected);
    expect(bufferCrc32.unsigned(Buffer.from("123456789"))).toBe(0xcbf43926);
    const after = await entryCrc(await zipOf(pieces));
    expect([before, after]).toEqual([expected, expected]);
  });
});
