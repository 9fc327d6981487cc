import "server-only";
import type { Readable } from "node:stream";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "@/db";

/**
 * `COPY (…) TO STDOUT (FORMAT binary)` on PostgreSQL, for exports of millions of rows: the database
 * sends each row's columns in their binary form (no text formatting on its side), and a formatter
 * here turns them into the export's lines. Only with the postgres.js driver; PGlite has no COPY
 * stream, and callers keep their paged queries there.
 */

/** The postgres.js client behind a Drizzle database, or null (PGlite, or a transaction). */
type PostgresClient = {
  unsafe: (query: string) => PostgresQuery;
  reserve: () => Promise<{ unsafe: (query: string) => PostgresQuery; release: () => void }>;
  /** The pool's settings as postgres.js resolved them: `max` is its number of connections. */
  options?: { max?: number };
};
type PostgresQuery = Promise<unknown> & { readable: () => Promise<Readable>; cancel: () => unknown };

export function copyClientOf(db: Pick<Db, "execute">): PostgresClient | null {
  const client = (db as { $client?: unknown }).$client;
  if (typeof client !== "function") return null;
  const candidate = client as unknown as { unsafe?: unknown; reserve?: unknown };
  return typeof candidate.unsafe === "function" && typeof candidate.reserve === "function" ? (client as unknown as PostgresClient) : null;
}

const dialect = new PgDialect();

/** A PostgreSQL literal: an E'' string, so it reads the same whatever standard_conforming_strings says. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "number" || typeof value === "bigint") text = String(value);
  else if (typeof value === "boolean") text = value ? "true" : "false";
  else if (value instanceof Date) text = value.toISOString();
  else throw new Error(`COPY: no literal for a ${typeof value} parameter`);
  return `E'${text.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/**
 * The statement's text with its parameters written in as literals (COPY takes no parameters). A
 * literal has no type of its own, so PostgreSQL gives it the one its place asks for, as it does a
 * parameter. `$n` inside quoted strings or identifiers is left alone.
 */
function inlineParameters(query: { sql: string; params: unknown[] }): string {
  let out = "";
  let index = 0;
  const text = query.sql;
  while (index < text.length) {
    const char = text[index]!;
    if (char === "'" || char === '"') {
      const end = text.indexOf(char, index + 1);
      if (end === -1) throw new Error("COPY: unterminated quote");
      // A doubled quote inside stays inside: the loop meets its second half as a new quoted run.
      out += text.slice(index, end + 1);
      index = end + 1;
      continue;
    }
    const match = char === "$" ? /^\$(\d+)/.exec(text.slice(index, index + 12)) : null;
    if (match) {
      out += literal(query.params[Number(match[1]) - 1]);
      index += match[0].length;
      continue;
    }
    out += char;
    index += 1;
  }
  return out;
}

/** The SQL text of a Drizzle query (a builder or an `sql` fragment), parameters inlined. */
export function copyText(query: SQL | { toSQL: () => { sql: string; params: unknown[] } }): string {
  return inlineParameters("toSQL" in query ? query.toSQL() : dialect.sqlToQuery(query));
}

/** One row of a binary COPY: its columns read in place, without copying the chunk. */
export class BinaryRow {
  buffer: Buffer = Buffer.alloc(0);
  readonly starts: Int32Array;
  readonly lengths: Int32Array;
  constructor(readonly columns: number) {
    this.starts = new Int32Array(columns);
    this.lengths = new Int32Array(columns);
  }
  isNull(column: number): boolean {
    return this.lengths[column]! < 0;
  }
  /** text, varchar, enum labels (their binary form is their text). */
  text(column: number): string | null {
    const length = this.lengths[column]!;
    if (length < 0) return null;
    const start = this.starts[column]!;
    return this.buffer.toString("utf8", start, start + length);
  }
  /** jsonb: a version byte (1), then the same text as jsonb's text output. */
  jsonb(column: number): string | null {
    const length = this.lengths[column]!;
    if (length < 0) return null;
    const start = this.starts[column]!;
    return this.buffer.toString("utf8", start + 1, start + length);
  }
  /** int2, int4 or int8, as decimal text. */
  integer(column: number): string | null {
    const length = this.lengths[column]!;
    if (length < 0) return null;
    const start = this.starts[column]!;
    if (length === 8) {
      const high = this.buffer.readInt32BE(start);
      // Exact as a number below 2^53 (every ID here); beyond, BigInt.
      if (high >= 0 && high < 0x200000) return String(high * 0x1_0000_0000 + this.buffer.readUInt32BE(start + 4));
      return this.buffer.readBigInt64BE(start).toString();
    }
    if (length === 4) return String(this.buffer.readInt32BE(start));
    return String(this.buffer.readInt16BE(start));
  }
  uuid(column: number): string | null {
    const length = this.lengths[column]!;
    if (length < 0) return null;
    const start = this.starts[column]!;
    const buffer = this.buffer;
    let text = "";
    for (let index = 0; index < 16; index += 1) {
      if (index === 4 || index === 6 || index === 8 || index === 10) text += "-";
      text += hexPairs[buffer[start + index]!];
    }
    return text;
  }
  /** timestamptz: microseconds since 2000-01-01 00:00 UTC. */
  micros(column: number): number | null {
    const length = this.lengths[column]!;
    if (length < 0) return null;
    const start = this.starts[column]!;
    return this.buffer.readInt32BE(start) * 0x1_0000_0000 + this.buffer.readUInt32BE(start + 4);
  }
}

const pad2 = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, "0"));

/**
 * "YYYY-MM-DDTHH:MM:SS" of a count of seconds since 1970 (UTC), as toISOString writes it, by integer
 * arithmetic (`civilDayText`): a Date per row cost more than the COPY.
 */
export function utcSecondText(unixSeconds: number): string {
  const days = Math.floor(unixSeconds / 86_400);
  if (days < firstDayOfYear0 || days >= firstDayOfYear10000) return new Date(unixSeconds * 1000).toISOString().slice(0, 19);
  const dayText = new Uint8Array(11);
  civilDayText(days, dayText);
  const inDay = unixSeconds - days * 86_400;
  const hour = Math.floor(inDay / 3600);
  const minute = Math.floor((inDay - hour * 3600) / 60);
  const second = inDay - hour * 3600 - minute * 60;
  return `${Buffer.from(dayText).toString("latin1")}${pad2[hour]}:${pad2[minute]}:${pad2[second]}`;
}

/** The days from 1970-01-01 to 0000-01-01 and to 10000-01-01: `civilDayText` writes the years between. */
const firstDayOfYear0 = -719_528;
const firstDayOfYear10000 = 2_932_897;

/** "00" to "99" as ASCII, two bytes per value. */
const digitPairs = Buffer.from(pad2.join(""), "latin1");

/** A value from 0 to 99 as two digits at `at`; returns the position after them. */
function twoDigits(out: Uint8Array, at: number, value: number): number {
  out[at] = digitPairs[value * 2]!;
  out[at + 1] = digitPairs[value * 2 + 1]!;
  return at + 2;
}

/**
 * "YYYY-MM-DDT" of a day counted from 1970-01-01 (years 0 to 9999) written into `target`, by
 * integer arithmetic from days to a civil date (H. Hinnant's algorithm), no string made.
 */
function civilDayText(days: number, target: Uint8Array): void {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const century = Math.floor(year / 100);
  twoDigits(target, 0, century);
  twoDigits(target, 2, year - century * 100);
  target[4] = 0x2d;
  twoDigits(target, 5, month);
  target[7] = 0x2d;
  twoDigits(target, 8, day);
  target[10] = 0x54;
}

const hexPairs = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, "0"));

const signature = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

/**
 * Reads a binary COPY stream however it is cut into chunks (postgres.js hands over one CopyData
 * message at a time, usually one row; the header comes with the first). `push` calls `onRow` for
 * each complete row and keeps an incomplete one for the next chunk.
 */
class BinaryCopyParser {
  private pending: Buffer | null = null;
  private headerRead = false;
  private readonly row: BinaryRow;
  ended = false;
  constructor(columns: number, private readonly onRow: (row: BinaryRow) => void) {
    this.row = new BinaryRow(columns);
  }
  push(chunk: Buffer): void {
    let buffer = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let at = 0;
    if (!this.headerRead) {
      if (buffer.length < 19) {
        this.pending = buffer;
        return;
      }
      if (!buffer.subarray(0, 11).equals(signature)) throw new Error("COPY: not a binary COPY stream");
      at = 19 + buffer.readInt32BE(15);
      this.headerRead = true;
    }
    const row = this.row;
    while (at < buffer.length && !this.ended) {
      if (buffer.length - at < 2) break;
      const count = buffer.readInt16BE(at);
      if (count === -1) {
        this.ended = true;
        return;
      }
      if (count !== row.columns) throw new Error(`COPY: ${count} columns, expected ${row.columns}`);
      let cursor = at + 2;
      let complete = true;
      for (let column = 0; column < count; column += 1) {
        if (buffer.length - cursor < 4) {
          complete = false;
          break;
        }
        const length = buffer.readInt32BE(cursor);
        cursor += 4;
        row.starts[column] = cursor;
        row.lengths[column] = length;
        if (length > 0) cursor += length;
        if (cursor > buffer.length) {
          complete = false;
          break;
        }
      }
      if (!complete) break;
      row.buffer = buffer;
      this.onRow(row);
      at = cursor;
    }
    if (at < buffer.length && !this.ended) {
      buffer = buffer.subarray(at);
      this.pending = Buffer.from(buffer);
    }
  }
}

/**
 * Constant bytes written between columns (keys, commas, line ends), made ready once as whole
 * 4-byte words and a tail: `ByteWriter.bytes` writes them a word at a time, twice as fast as a
 * byte at a time for these runs of 2 to 40 bytes.
 */
export class ConstantBytes {
  readonly words: Uint32Array;
  readonly tail: Uint8Array;
  readonly length: number;
  /** `text` in Latin-1 (the runs are ASCII). */
  constructor(text: string) {
    const bytes = Buffer.from(text, "latin1");
    const whole = bytes.length >> 2;
    this.words = new Uint32Array(whole);
    for (let index = 0; index < whole; index += 1) this.words[index] = bytes.readUInt32BE(index * 4);
    this.tail = Uint8Array.from(bytes.subarray(whole * 4));
    this.length = bytes.length;
  }
}

/**
 * An output buffer the formatters write bytes into: the columns' UTF-8 bytes are copied from the
 * COPY stream as they are (escaped where JSON or CSV needs it), never decoded into strings and
 * encoded again, which costs more than the COPY itself.
 */
export class ByteWriter {
  // Both set by `use`, from the constructor on.
  private buffer!: Buffer;
  /** The same memory as `buffer`, for writes of 4 bytes at once. */
  private words!: DataView;
  length = 0;
  constructor(private readonly size: number) {
    this.use(Buffer.allocUnsafe(size));
  }
  /** Writes go to `buffer` from now on, bytes and words alike. */
  private use(buffer: Buffer): void {
    this.buffer = buffer;
    this.words = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.use(bigger);
  }
  /** ASCII text (digits, punctuation, names of keys, ISO times). */
  ascii(text: string): void {
    const length = text.length;
    this.room(length);
    // A loop beats a call into C++ for the short runs between columns.
    if (length < 48) {
      const out = this.buffer;
      let at = this.length;
      for (let index = 0; index < length; index += 1) out[at++] = text.charCodeAt(index);
      this.length = at;
    } else {
      this.length += this.buffer.write(text, this.length, "latin1");
    }
  }
  /** A column's bytes as they are, `skip` bytes in (1 for jsonb's version byte); "null" when null. */
  raw(row: BinaryRow, column: number, skip = 0): void {
    const length = row.lengths[column]!;
    if (length < 0) return this.ascii("null");
    const start = row.starts[column]! + skip;
    const bytes = length - skip;
    this.room(bytes);
    if (bytes < 48) {
      const source = row.buffer;
      const out = this.buffer;
      let at = this.length;
      for (let index = start, end = start + bytes; index < end; index += 1) out[at++] = source[index]!;
      this.length = at;
    } else {
      row.buffer.copy(this.buffer, this.length, start, start + bytes);
      this.length += bytes;
    }
  }
  /**
   * A text column as a JSON string, escaped as PostgreSQL's escape_json (and JSON.stringify) do:
   * `"` `\` and the control characters, with \b \f \n \r \t or \u00xx; "null" when null.
   */
  json(row: BinaryRow, column: number): void {
    const length = row.lengths[column]!;
    if (length < 0) return this.ascii("null");
    const source = row.buffer;
    const start = row.starts[column]!;
    this.room(length * 6 + 2);
    const out = this.buffer;
    let at = this.length;
    out[at++] = 0x22;
    // Most text needs no escape: it is copied four bytes at a time while no byte of the word needs
    // one (tested on the whole word: a byte below 0x20, or equal to " or \), then byte by byte up to
    // the first that does, escaped from there. Faster than a scan then Buffer#copy at every length.
    const end = start + length;
    let index = start;
    const words = this.words;
    for (; index + 4 <= end; index += 4) {
      const word = (source[index]! << 24) | (source[index + 1]! << 16) | (source[index + 2]! << 8) | source[index + 3]!;
      const quote = word ^ 0x22222222;
      const backslash = word ^ 0x5c5c5c5c;
      if ((((word - 0x20202020) & ~word) | ((quote - 0x01010101) & ~quote) | ((backslash - 0x01010101) & ~backslash)) & 0x80808080) break;
      words.setInt32(at, word);
      at += 4;
    }
    for (; index < end; index += 1) {
      const byte = source[index]!;
      if (byte < 0x20 || byte === 0x22 || byte === 0x5c) break;
      out[at++] = byte;
    }
    if (index === end) {
      out[at] = 0x22;
      this.length = at + 1;
      return;
    }
    for (; index < end; index += 1) {
      const byte = source[index]!;
      if (byte >= 0x20 && byte !== 0x22 && byte !== 0x5c) {
        out[at++] = byte;
        continue;
      }
      out[at++] = 0x5c;
      if (byte === 0x22 || byte === 0x5c) out[at++] = byte;
      else if (byte === 0x08) out[at++] = 0x62;
      else if (byte === 0x0c) out[at++] = 0x66;
      else if (byte === 0x0a) out[at++] = 0x6e;
      else if (byte === 0x0d) out[at++] = 0x72;
      else if (byte === 0x09) out[at++] = 0x74;
      else {
        out[at++] = 0x75;
        out[at++] = 0x30;
        out[at++] = 0x30;
        out[at++] = hexDigit(byte >> 4);
        out[at++] = hexDigit(byte & 15);
      }
    }
    out[at++] = 0x22;
    this.length = at;
  }
  /**
   * A column as a quoted CSV cell, quotes doubled; `guard` puts ' before a cell a spreadsheet would
   * run as a formula (starting with = + - @, a tab or a return). A null is an empty cell ("").
   */
  csv(row: BinaryRow, column: number, options: { skip?: number; guard?: boolean } = {}): void {
    this.csvCell(row, column, options.skip ?? 0, options.guard ?? false);
  }
  private csvCell(row: BinaryRow, column: number, skip: number, guard: boolean): void {
    const length = Math.max(0, row.lengths[column]! - skip);
    const source = row.buffer;
    const start = row.starts[column]! + skip;
    this.room(length * 2 + 3);
    const out = this.buffer;
    let at = this.length;
    out[at++] = 0x22;
    if (guard && length > 0) {
      const first = source[start]!;
      if (first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first === 0x09 || first === 0x0d) out[at++] = 0x27;
    }
    for (let index = start, end = start + length; index < end; index += 1) {
      const byte = source[index]!;
      out[at++] = byte;
      if (byte === 0x22) out[at++] = 0x22;
    }
    out[at++] = 0x22;
    this.length = at;
  }
  /** Constant bytes (the runs between columns), a word at a time. */
  bytes(run: ConstantBytes): void {
    this.room(run.length);
    const words = this.words;
    let at = this.length;
    const whole = run.words;
    for (let index = 0; index < whole.length; index += 1) {
      words.setUint32(at, whole[index]!);
      at += 4;
    }
    const tail = run.tail;
    const out = this.buffer;
    for (let index = 0; index < tail.length; index += 1) out[at++] = tail[index]!;
    this.length = at;
  }
  /** An int2, int4 or int8 column as decimal digits, written straight into the buffer; "null" when null. */
  integer(row: BinaryRow, column: number): void {
    const length = row.lengths[column]!;
    if (length < 0) return this.ascii("null");
    const start = row.starts[column]!;
    const source = row.buffer;
    let value: number;
    if (length === 8) {
      const high = source.readInt32BE(start);
      if (high < 0 || high >= 0x200000) return this.ascii(source.readBigInt64BE(start).toString());
      value = high * 0x1_0000_0000 + source.readUInt32BE(start + 4);
    } else value = length === 4 ? source.readInt32BE(start) : source.readInt16BE(start);
    this.digits(value);
  }
  /** A safe integer as decimal digits. */
  private digits(value: number): void {
    if (value < 0) {
      this.ascii("-");
      value = -value;
    }
    this.room(16);
    const out = this.buffer;
    if (value < 0x8000_0000) {
      // Below 2^31 (every ID in practice): integer division, two digits at a time from the right.
      let rest = value | 0;
      const digits = rest < 10_000 ? (rest < 100 ? (rest < 10 ? 1 : 2) : rest < 1000 ? 3 : 4) : rest < 1_000_000 ? (rest < 100_000 ? 5 : 6) : rest < 100_000_000 ? (rest < 10_000_000 ? 7 : 8) : rest < 1_000_000_000 ? 9 : 10;
      let at = this.length + digits;
      this.length = at;
      while (rest >= 100) {
        const next = (rest / 100) | 0;
        const pair = (rest - next * 100) * 2;
        out[--at] = digitPairs[pair + 1]!;
        out[--at] = digitPairs[pair]!;
        rest = next;
      }
      if (rest >= 10) {
        out[--at] = digitPairs[rest * 2 + 1]!;
        out[--at] = digitPairs[rest * 2]!;
      } else out[--at] = 0x30 + rest;
      return;
    }
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
    let at = this.length + digits;
    this.length = at;
    do {
      const next = Math.floor(value / 10);
      out[--at] = 0x30 + (value - next * 10);
      value = next;
    } while (value > 0);
  }
  /** A uuid column as its text, quoted when `quoted`; "null" when null. */
  uuid(row: BinaryRow, column: number, quoted: boolean): void {
    if (row.lengths[column]! < 0) return quoted ? this.ascii("null") : undefined;
    this.room(38);
    const source = row.buffer;
    const start = row.starts[column]!;
    const out = this.buffer;
    let at = this.length;
    if (quoted) out[at++] = 0x22;
    for (let index = 0; index < 16; index += 1) {
      if (index === 4 || index === 6 || index === 8 || index === 10) out[at++] = 0x2d;
      const byte = source[start + index]!;
      out[at++] = hexDigit(byte >> 4);
      out[at++] = hexDigit(byte & 15);
    }
    if (quoted) out[at++] = 0x22;
    this.length = at;
  }
  /**
   * A timestamptz column in UTC, written digit by digit (the date part made once per day):
   * `millis` as to_char(… 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') writes it (fraction truncated), else
   * as json_build_object writes it in a UTC session ("…T03:04:05.12+00:00", quoted, trailing zeros
   * of the fraction dropped, none when whole).
   */
  timestamp(row: BinaryRow, column: number, style: "millis" | "json"): void {
    if (row.lengths[column]! < 0) return this.ascii("null");
    // As row.micros reads it, written out here: this runs once per row and the call showed in profiles.
    const source = row.buffer;
    const start = row.starts[column]!;
    const micros = source.readInt32BE(start) * 0x1_0000_0000 + source.readUInt32BE(start + 4);
    const seconds = Math.floor(micros / 1_000_000);
    const fraction = micros - seconds * 1_000_000;
    const unixSeconds = seconds + 946_684_800;
    const day = Math.floor(unixSeconds / 86_400);
    if (day !== this.day) {
      // Years outside 0–9999 are written whole by the string path, without the day cache.
      if (day < firstDayOfYear0 || day >= firstDayOfYear10000) return this.ascii(style === "json" ? `"${utcSecondText(unixSeconds)}${jsonFraction(fraction)}+00:00"` : `${utcSecondText(unixSeconds)}.${String(Math.floor(fraction / 1000)).padStart(3, "0")}Z`);
      this.day = day;
      civilDayText(day, this.dayText);
      const dayText = this.dayText;
      this.dayWords[0] = (dayText[0]! << 24) | (dayText[1]! << 16) | (dayText[2]! << 8) | dayText[3]!;
      this.dayWords[1] = (dayText[4]! << 24) | (dayText[5]! << 16) | (dayText[6]! << 8) | dayText[7]!;
    }
    this.room(40);
    const out = this.buffer;
    let at = this.length;
    if (style === "json") out[at++] = 0x22;
    // "YYYY-MM-DDT": two words and three bytes.
    const dayText = this.dayText;
    const words = this.words;
    words.setInt32(at, this.dayWords[0]!);
    words.setInt32(at + 4, this.dayWords[1]!);
    out[at + 8] = dayText[8]!;
    out[at + 9] = dayText[9]!;
    out[at + 10] = dayText[10]!;
    at += 11;
    // Whole numbers below 2^31 from here on: integer division (`| 0`), not floating point.
    const inDay = (unixSeconds - day * 86_400) | 0;
    const hour = (inDay / 3600) | 0;
    const minute = ((inDay - hour * 3600) / 60) | 0;
    const second = inDay - hour * 3600 - minute * 60;
    at = twoDigits(out, at, hour);
    out[at++] = 0x3a;
    at = twoDigits(out, at, minute);
    out[at++] = 0x3a;
    at = twoDigits(out, at, second);
    if (style === "millis") {
      const millis = (fraction / 1000) | 0;
      const hundreds = (millis / 100) | 0;
      out[at++] = 0x2e;
      out[at++] = 0x30 + hundreds;
      at = twoDigits(out, at, millis - hundreds * 100);
      out[at++] = 0x5a;
    } else {
      if (fraction !== 0) {
        // Six digits, then the trailing zeros taken back (the fraction is not zero: a digit stays).
        const high = (fraction / 10_000) | 0;
        const middle = ((fraction - high * 10_000) / 100) | 0;
        out[at++] = 0x2e;
        at = twoDigits(out, at, high);
        at = twoDigits(out, at, middle);
        at = twoDigits(out, at, fraction - high * 10_000 - middle * 100);
        while (out[at - 1] === 0x30) at -= 1;
      }
      // '+00:00"'
      words.setInt32(at, 0x2b30303a);
      out[at + 4] = 0x30;
      out[at + 5] = 0x30;
      out[at + 6] = 0x22;
      at += 7;
    }
    this.length = at;
  }
  private day = Number.NaN;
  private readonly dayText = new Uint8Array(11);
  private readonly dayWords = new Int32Array(2);
  /** A column's bytes as a quoted CSV cell, with the formula guard (see `csv`); a null is "". */
  csvGuarded(row: BinaryRow, column: number): void {
    this.csvCell(row, column, 0, true);
  }
  /** What was written since the last call, as its own Buffer. */
  take(): Buffer {
    const out = this.buffer.subarray(0, this.length);
    this.use(Buffer.allocUnsafe(this.size));
    this.length = 0;
    return out;
  }
}

const hexDigit = (value: number) => (value < 10 ? 0x30 + value : 0x57 + value);

/** The fraction of a second as json_build_object writes it: ".123456" with its trailing zeros dropped, nothing when whole. */
function jsonFraction(micros: number): string {
  return micros === 0 ? "" : `.${String(micros).padStart(6, "0").replace(/0+$/, "")}`;
}

type CopyOptions = {
  /** Columns the query selects. */
  columns: number;
  /** Writes one row's line (its line break included). */
  format: (row: BinaryRow, out: ByteWriter) => void;
  /** Bytes gathered before a chunk is handed over. */
  chunkBytes?: number;
  /**
   * The reader is someone else's (a download): the COPY counts against this process's share for
   * such readers, and past it `copyFormatted` answers null so the caller reads in batches instead.
   */
  forReader?: boolean;
};

/**
 * COPY streams running for readers nobody here paces (downloads), per pool, at most half of its
 * connections: each holds one for as long as its reader takes, and a few slow downloads must not
 * hold every connection the pages need. Batches hold a connection only for each batch's query.
 */
const readerCopies = new WeakMap<PostgresClient, number>();

/**
 * Streams `COPY (query) TO STDOUT (FORMAT binary)` as chunks of formatted rows, or null when
 * the database is not PostgreSQL through postgres.js.
 *
 * The COPY stream is read in flowing mode, paused while two chunks wait (a paused-mode read of
 * postgres.js's COPY stream can stall: porsager/postgres#499). When the consumer stops early (a
 * download abandoned, a job stopped), the statement is cancelled on the server and what it still
 * sends is read and dropped until it ends: PostgreSQL does not act on a cancel while blocked
 * writing to a full socket, and the pooled connection is only usable again once the COPY is over.
 * The COPY runs on a reserved connection, handed back to the pool when it is over.
 */
export function copyFormatted(db: Pick<Db, "execute">, query: string, options: CopyOptions): AsyncGenerator<Buffer> | null {
  const client = copyClientOf(db);
  if (!client) return null;
  if (!options.forReader) return copyGenerator(client, query, options);
  if ((readerCopies.get(client) ?? 0) >= Math.max(1, Math.floor((client.options?.max ?? 1) / 2))) return null;
  return (async function* () {
    // Counted once started (`yield*` starts it at once): a generator never started holds no connection.
    readerCopies.set(client, (readerCopies.get(client) ?? 0) + 1);
    try {
      yield* copyGenerator(client, query, options);
    } finally {
      readerCopies.set(client, (readerCopies.get(client) ?? 1) - 1);
    }
  })();
}

function copyGenerator(client: PostgresClient, query: string, options: CopyOptions): AsyncGenerator<Buffer> {
  const chunkBytes = options.chunkBytes ?? 256 * 1024;
  return (async function* () {
    // A connection of our own until the COPY is over: a cancel can then only reach this statement.
    const connection = await client.reserve();
    let statement: PostgresQuery;
    let stream: Readable;
    try {
      statement = connection.unsafe(`copy (${query}) to stdout (format binary)`);
      stream = await statement.readable();
    } catch (error) {
      connection.release();
      throw error;
    }
    const ready: Buffer[] = [];
    const out = new ByteWriter(chunkBytes + 64 * 1024);
    let finished = false;
    let failure: unknown = null;
    let wake: (() => void) | null = null;
    const notify = () => {
      const resolve = wake;
      wake = null;
      resolve?.();
    };
    const flush = () => {
      if (out.length > 0) ready.push(out.take());
    };
    const parser = new BinaryCopyParser(options.columns, (row) => {
      options.format(row, out);
      if (out.length >= chunkBytes) flush();
    });
    const closed = new Promise<void>((resolve) => stream.once("close", resolve));
    // postgres.js pauses the connection's socket when the stream's buffer is full and resumes it
    // from the stream's read(); once the stream has ended, read() is never called again, so a socket
    // paused by the last rows would keep the rest of the reply (and the next query) unread. This
    // calls that read() by hand.
    const resumeSocket = () => (stream as unknown as { _read?: (size: number) => void })._read?.(0);
    const onData = (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch (error) {
        failure ??= error;
        stream.off("data", onData);
        stream.on("data", () => {});
      }
      if (ready.length >= 2) stream.pause();
      if (ready.length > 0 || failure) notify();
    };
    stream.on("data", onData);
    stream.once("end", () => {
      resumeSocket();
      finished = true;
      flush();
      notify();
    });
    stream.once("error", (error) => {
      failure ??= error;
      finished = true;
      notify();
    });
    try {
      for (;;) {
        if (failure) throw failure;
        const next = ready.shift();
        if (next !== undefined) {
          if (ready.length < 2 && stream.isPaused()) stream.resume();
          yield next;
          continue;
        }
        if (finished) break;
        if (stream.isPaused()) stream.resume();
        await new Promise<void>((resolve) => (wake = resolve));
      }
      await statement.catch(() => undefined);
    } finally {
      if (!finished) {
        // Stopped early: cancel, then drain whatever is still on its way so the connection frees up.
        stream.off("data", onData);
        stream.on("data", () => {});
        stream.on("error", () => {});
        await Promise.resolve(statement.cancel()).catch(() => undefined);
        stream.resume();
        await closed;
      }
      resumeSocket();
      await statement.catch(() => undefined);
      // The connection answers again (the COPY's reply read to its end) before it goes back to the pool;
      // a cancel that came too late to stop the COPY lands on this query, not on someone else's.
      await connection.unsafe("select 1").catch(() => undefined);
      connection.release();
    }
  })();
}
