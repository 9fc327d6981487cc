import { BinaryRow, ByteWriter, utcSecondText } from "./copy";

/** A one-column row holding `bytes`, as the binary COPY reader hands it over. */
function rowOf(bytes: Buffer): BinaryRow {
  const row = new BinaryRow(1);
  row.buffer = Buffer.concat([Buffer.from("pad"), bytes]);
  row.starts[0] = 3;
  row.lengths[0] = bytes.length;
  return row;
}

function written(write: (out: ByteWriter) => void): string {
  const out = new ByteWriter(16);
  write(out);
  return out.take().toString("utf8");
}

function int8(value: bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(value);
  return bytes;
}

/** What json_build_object writes for a timestamptz in a UTC session, from microseconds since 2000. */
function jsonTimestamp(micros: bigint): string {
  const seconds = micros / 1_000_000n - (micros % 1_000_000n < 0n ? 1n : 0n);
  const fraction = Number(micros - seconds * 1_000_000n);
  const text = fraction === 0 ? "" : `.${String(fraction).padStart(6, "0").replace(/0+$/, "")}`;
  return `"${utcSecondText(Number(seconds) + 946_684_800)}${text}+00:00"`;
}

describe("the binary COPY formatters write what PostgreSQL writes", () => {
  it("writes integers of every width and size as their decimal digits", () => {
    const values = [0n, 1n, 9n, 10n, 99n, 100n, 101n, 999n, 1000n, 123_456n, 9_999_999n, 10_000_000n, 999_999_999n, 1_000_000_000n];
    values.push(2n ** 31n - 1n, 2n ** 31n, 2n ** 32n + 7n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 63n - 1n, -1n, -99n, -(2n ** 31n), -(2n ** 63n));
    for (const value of values) expect(written((out) => out.integer(rowOf(int8(value)), 0))).toBe(String(value));
    for (const value of [0, 7, 42, 2 ** 31 - 1, -1, -(2 ** 31)]) {
      const bytes = Buffer.alloc(4);
      bytes.writeInt32BE(value);
      expect(written((out) => out.integer(rowOf(bytes), 0))).toBe(String(value));
    }
    for (const value of [0, 12, 32_767, -32_768]) {
      const bytes = Buffer.alloc(2);
      bytes.writeInt16BE(value);
      expect(written((out) => out.integer(rowOf(bytes), 0))).toBe(String(value));
    }
  });

  it("writes timestamps to the microsecond, one after the other across days and years", () => {
    const micros: bigint[] = [0n, 1n, 10n, 100_000n, 999_999n, -1n, -1_000_000n, 86_400_000_000n - 1n];
    // Pseudo-random instants from 1750 to 2250, where microseconds are exact in a double (the day
    // cache must follow every change of day).
    let seed = 12_345;
    for (let index = 0; index < 2000; index += 1) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const seconds = BigInt(Math.floor((seed / 2 ** 31) * 500 * 365.25 * 86_400)) - 250n * 31_557_600n;
      micros.push(seconds * 1_000_000n + BigInt(index % 3 === 0 ? 0 : (seed % 1_000_000) * (index % 3 === 1 ? 1 : 10)));
    }
    const out = new ByteWriter(64);
    const expected: string[] = [];
    for (const value of micros) {
      out.timestamp(rowOf(int8(value)), 0, "json");
      out.ascii(" ");
      out.timestamp(rowOf(int8(value)), 0, "millis");
      out.ascii("\n");
      const json = jsonTimestamp(value);
      const millis = String(Math.floor(Number(((value % 1_000_000n) + 1_000_000n) % 1_000_000n) / 1000)).padStart(3, "0");
      expected.push(`${json} ${json.slice(1, 20)}.${millis}Z\n`);
    }
    expect(out.take().toString("latin1")).toBe(expected.join(""));
  });

  it("escapes text in JSON as JSON.stringify does, short or long, escapes anywhere", () => {
    const samples = ["", "plain", 'say "hi"', "back\\slash", "a\nb\r\tc\b\f", "\u0000\u0001\u001f", "Élodie à l’œuvre 🙂", "line\u2028sep"];
    for (const length of [63, 64, 1023, 1024, 1025, 5000]) {
      const long = "x".repeat(length);
      samples.push(long, `${long}"`, `"${long}`, `${long.slice(0, length - 1)}\n${long}`);
    }
    // Short random text: a character needing an escape at every place in a 4-byte word, and bytes above 0x7f.
    const alphabet = ["a", "Z", " ", "~", '"', "\\", "\n", "\u0000", "\u001f", "\u007f", "é", "’", "🙂", "!", "#", "]"];
    let seed = 7;
    for (let index = 0; index < 3000; index += 1) {
      let text = "";
      for (let length = index % 23; length > 0; length -= 1) {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        text += alphabet[seed % alphabet.length];
      }
      samples.push(text);
    }
    for (const text of samples) expect(written((out) => out.json(rowOf(Buffer.from(text)), 0))).toBe(JSON.stringify(text));
  });
});
