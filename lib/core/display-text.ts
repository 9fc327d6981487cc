/**
 * Display-text helpers with no dependency: the zod schemas (lib/core/schemas.ts) build on them, and
 * client components import them directly so no schema library reaches the browser.
 */

// Control characters and the bidirectional overrides and isolates that can disguise text.
export const forbiddenCharacters = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF\uFFF9-\uFFFB]/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The visible characters of a text (an emoji with its modifiers is one). */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

export function graphemeCount(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

/** What a display text is stored as: NFC, runs of white space made one space, trimmed. */
export function normalizeDisplayText(value: string): string {
  return value.normalize("NFC").replace(/\s+/gu, " ").trim();
}
