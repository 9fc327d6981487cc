/**
 * Display-text helpers with no dependency: the zod schemas (lib/core/schemas.ts) build on them, and
 * client components import them directly so no schema library reaches the browser.
 */

// Control characters and the bidirectional overrides and isolates that can disguise text.
export const forbiddenCharacters = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF\uFFF9-\uFFFB]/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The visible characters of a text, counted up to `atMost + 1` at most: a caller checking a limit
 * stops there. (Segmenting a long string costs more per character the longer it is, so a 1 MB
 * input counted in full would hold the server for minutes.)
 */
export function graphemeCount(text: string, atMost = Infinity): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) {
    count += 1;
    if (count > atMost) break;
  }
  return count;
}

/** The first `count` visible characters of a text (an emoji with its modifiers is one), and whether there were more. */
export function leadingGraphemes(text: string, count: number): { graphemes: string[]; more: boolean } {
  const taken: string[] = [];
  for (const part of segmenter.segment(text)) {
    if (taken.length === count) return { graphemes: taken, more: true };
    taken.push(part.segment);
  }
  return { graphemes: taken, more: false };
}

/** What a display text is stored as: NFC, runs of white space made one space, trimmed. */
export function normalizeDisplayText(value: string): string {
  return value.normalize("NFC").replace(/\s+/gu, " ").trim();
}
