import type { Action } from "@/lib/core/permissions";

/** Every article of the help center; a page exists for each, in every language. */
export const helpSlugs = ["basic-setup", "roles-and-permissions", "plans-and-features", "authentication", "api", "audit-log", "data-and-retention", "two-step-sign-in"] as const;

export type HelpSlug = (typeof helpSlugs)[number];

export function isHelpSlug(value: unknown): value is HelpSlug {
  return typeof value === "string" && (helpSlugs as readonly string[]).includes(value);
}

/** Screenshots produced by `npm run docs:screenshots` into public/help/<locale>/<name>.webp. */
export const screenshots = ["studio-menu", "console-organization-link", "organization-danger-zone", "authentication-domain", "authentication-sso", "two-step-setup"] as const;

export type Screenshot = (typeof screenshots)[number];

/**
 * Text with a little markup: **strong**, [label](/path or #anchor), (1) for a numbered callout
 * of a screenshot, and {plans:feature} for the plans that include a feature, read from lib/core/plans.ts.
 */
export type RichText = string;

export type Block =
  | { kind: "paragraph"; text: RichText }
  | { kind: "list"; items: RichText[]; ordered?: boolean }
  | { kind: "callout"; tone: "tip" | "note" | "warning"; text: RichText }
  | { kind: "figure"; image: Screenshot; alt: string; caption: RichText }
  | { kind: "generated"; table: "roles" | "plans" | "scopes" | "apiReference" }
  /** A short program or command, shown as it is (the same code in every language; comments may differ). */
  | { kind: "code"; language: string; code: string };

export type Section = { id: string; heading: string; blocks: Block[] };

export type Article = {
  title: string;
  /** One sentence for the index and the page's meta description. */
  description: string;
  intro: Block[];
  sections: Section[];
  /** Articles to read next, with a sentence saying why. */
  next: { slug: HelpSlug; text: RichText }[];
};

/** The names the generated roles table gives to each permission, in one language (features are named in messages, `Features`). */
export type HelpLabels = { actions: Record<Action, string> };

export type HelpContent = { articles: Record<HelpSlug, Article>; labels: HelpLabels };
