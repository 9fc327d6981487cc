import type { AppLocale } from "@/i18n/locales";
import type { Article, Block } from "@/lib/help";
import { Callout } from "./callout";
import { Figure } from "./figure";
import { PlanComparison } from "@/components/billing/plan-comparison";
import { RolesTable } from "./generated-tables";
import { ApiReference, ScopesTable } from "./api-tables";
import { RichText } from "./rich-text";

function BlockView({ block, locale }: { block: Block; locale: AppLocale }) {
  switch (block.kind) {
    case "paragraph":
      return <p className="my-3 leading-relaxed"><RichText text={block.text} /></p>;
    case "list": {
      const List = block.ordered ? "ol" : "ul";
      return (
        <List className={`my-3 space-y-2 pl-6 leading-relaxed ${block.ordered ? "list-decimal" : "list-disc"}`}>
          {block.items.map((item, index) => <li key={index}><RichText text={item} /></li>)}
        </List>
      );
    }
    case "callout":
      return <Callout tone={block.tone}><RichText text={block.text} /></Callout>;
    case "figure":
      return <Figure locale={locale} image={block.image} alt={block.alt} caption={block.caption} />;
    case "generated":
      if (block.table === "roles") return <RolesTable />;
      if (block.table === "scopes") return <ScopesTable />;
      if (block.table === "apiReference") return <ApiReference />;
      return <PlanComparison captionVisible />;
    case "code":
      return (
        <pre className="my-3 overflow-x-auto rounded-md bg-slate-900 p-4 text-sm text-slate-50" tabIndex={0}>
          <code data-language={block.language}>{block.code}</code>
        </pre>
      );
  }
}

/** An article's introduction and sections, each section a heading readers can link to. */
export function ArticleBody({ article, locale }: { article: Article; locale: AppLocale }) {
  return (
    <div className="max-w-3xl">
      {article.intro.map((block, index) => <BlockView key={index} block={block} locale={locale} />)}
      {article.sections.map((section) => (
        <section key={section.id} aria-labelledby={section.id} className="mt-8">
          <h2 id={section.id} className="scroll-mt-4 text-xl font-semibold">{section.heading}</h2>
          {section.blocks.map((block, index) => <BlockView key={index} block={block} locale={locale} />)}
        </section>
      ))}
    </div>
  );
}
