// Hostile values for the fuzzers: any Unicode, control and bidi characters, 1 MB strings, HTML and
// SQL fragments, wrong types. Shared by the domain fuzzer (fields of a form) and the HTTP fuzzer (JSON bodies).
import fc from "fast-check";

const controlAndBidi = ["\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\u001b", "\u007f", "\u0085", "\u00a0", "\u200b", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\ufffd", "\ud800", "\udfff", "\u{1f600}", "\u0301"];

export const fragments = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "\"><svg/onload=alert(1)>",
  "'; drop table users; --",
  "' or '1'='1",
  "1; select pg_sleep(10)",
  "$1",
  "%00",
  "%s%s%n",
  "{{7*7}}",
  "${process.exit()}",
  "../../../../etc/passwd",
  "javascript:alert(1)",
  "__proto__",
  "constructor",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e309",
  "99999999999999999999999",
  "-0",
  " ",
  "",
];

/** 1 MB strings, built once: generating one per run would spend the run on the generator. */
const megabyte = 1024 * 1024;
export const hugeStrings = [
  "a".repeat(megabyte),
  "\u202e".repeat(megabyte / 3),
  `${"é".repeat(megabyte / 2)}@example.com`,
  "\u0000".repeat(megabyte),
];

const control = fc.constantFrom(...controlAndBidi);

/** A hostile string: any Unicode mixed with control/bidi characters, fragments, or a 1 MB string (rarely). */
export function hostileString(): fc.Arbitrary<string> {
  const mixed = fc.array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 8 }), fc.string({ unit: "binary", maxLength: 8 }), control, fc.constantFrom(...fragments)), { maxLength: 6 }).map((parts) => parts.join(""));
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 4, arbitrary: mixed },
    { weight: 2, arbitrary: fc.constantFrom(...fragments) },
    { weight: 1, arbitrary: fc.constantFrom(...hugeStrings) },
  );
}

/** Anything JSON or a form could carry, and more: wrong types, nesting, prototypes. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: hostileString() },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, Infinity, -Infinity, NaN, 1e308)) },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, [null], { toString: "x" }, Object.create(null), { __proto__: { admin: true } }, [["nested"]], new Date(Number.NaN), BigInt(10)) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 4 }) },
  );
}
