import type { AppLocale } from "@/i18n/locales";
import { en } from "./en";
import { fr } from "./fr";
import type { Article, HelpContent, HelpSlug, Section } from "./types";

export * from "./types";

export const helpContent: Record<AppLocale, HelpContent> = { en, fr };

export function getArticle(locale: AppLocale, slug: HelpSlug): Article {
  return helpContent[locale].articles[slug];
}

/** Articles with at least this many sections get a table of contents. */
export const tocThreshold = 3;

export function tableOfContents(article: Article): Pick<Section, "id" | "heading">[] {
  return article.sections.length >= tocThreshold ? article.sections.map(({ id, heading }) => ({ id, heading })) : [];
}
