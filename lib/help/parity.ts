import { features, type Feature } from "@/lib/core/plans";
import type { Article, Block, HelpContent, RichText } from "./types";

export function isFeature(value: string): value is Feature {
  return (features as readonly string[]).includes(value);
}

/** What must match across languages in a block: its kind, and what it points at. */
function shape(block: Block): string {
  switch (block.kind) {
    case "list":
      return `list:${block.items.length}:${block.ordered ? "ol" : "ul"}:${block.items.map(anchors).join("|")}`;
    case "callout":
      return `callout:${block.tone}:${anchors(block.text)}`;
    case "figure":
      return `figure:${block.image}:${anchors(block.caption)}`;
    case "generated":
      return `generated:${block.table}`;
    case "paragraph":
      return `paragraph:${anchors(block.text)}`;
    case "code":
      // The same program in every language; only its comments may differ.
      return `code:${block.language}`;
  }
}

/** Link targets, callout numbers and plan tokens: translations may reword text, never drop these. */
function anchors(text: RichText): string {
  return [...text.matchAll(/\]\(([^)]+)\)|\((\d)\)|\{plans:\w+\}/g)].map((match) => match[0]).sort().join(",");
}

function articleShape(article: Article): string[] {
  return [
    ...article.intro.map((block) => `intro ${shape(block)}`),
    ...article.sections.flatMap((section) => [`section ${section.id}`, ...section.blocks.map((block) => `${section.id} ${shape(block)}`)]),
    ...article.next.map((next) => `next ${next.slug}`),
  ];
}

/**
 * Differences between two languages of the help center: an article present in one only, or an
 * article whose sections, callouts, figures or links differ. Empty when both say the same things.
 */
export function parityProblems(a: { locale: string; content: HelpContent }, b: { locale: string; content: HelpContent }): string[] {
  const problems: string[] = [];
  const slugsA = Object.keys(a.content.articles);
  const slugsB = Object.keys(b.content.articles);
  for (const slug of slugsA) if (!slugsB.includes(slug)) problems.push(`${slug} exists in ${a.locale} only`);
  for (const slug of slugsB) if (!slugsA.includes(slug)) problems.push(`${slug} exists in ${b.locale} only`);
  for (const slug of slugsA.filter((slug) => slugsB.includes(slug))) {
    const shapeA = articleShape(a.content.articles[slug as keyof HelpContent["articles"]]);
    const shapeB = articleShape(b.content.articles[slug as keyof HelpContent["articles"]]);
    if (JSON.stringify(shapeA) !== JSON.stringify(shapeB)) problems.push(`${slug} differs between ${a.locale} and ${b.locale}`);
  }
  return problems;
}
