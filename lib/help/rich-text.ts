import type { Feature } from "@/lib/core/plans";
import { isFeature } from "./parity";

export type RichToken =
  | { kind: "text"; text: string }
  | { kind: "strong"; text: string }
  | { kind: "link"; text: string; href: string }
  | { kind: "marker"; number: number }
  | { kind: "plans"; feature: Feature };

const pattern = /\*\*(.+?)\*\*|\[(.+?)\]\(([^)\s]+)\)|\((\d)\)|\{plans:(\w+)\}/g;

/** Splits an article's text into what the page renders: text, bold, links, callout numbers, plan names. */
export function parseRichText(source: string): RichToken[] {
  const tokens: RichToken[] = [];
  let last = 0;
  for (const match of source.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) tokens.push({ kind: "text", text: source.slice(last, index) });
    const [, strong, label, href, marker, feature] = match;
    if (strong !== undefined) tokens.push({ kind: "strong", text: strong });
    else if (label !== undefined && href !== undefined) tokens.push({ kind: "link", text: label, href });
    else if (marker !== undefined) tokens.push({ kind: "marker", number: Number(marker) });
    else if (feature !== undefined && isFeature(feature)) tokens.push({ kind: "plans", feature });
    else tokens.push({ kind: "text", text: match[0] });
    last = index + match[0].length;
  }
  if (last < source.length) tokens.push({ kind: "text", text: source.slice(last) });
  return tokens;
}

/** Internal links of a text, for tests that follow every one of them. */
export function linksOf(source: string): string[] {
  return parseRichText(source).flatMap((token) => (token.kind === "link" ? [token.href] : []));
}
