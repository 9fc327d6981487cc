import { helpContent, helpSlugs, type Block, type HelpContent } from "@/lib/help";
import { plansTable, roleColumns, rolesTable } from "@/lib/help/generated";
import { parityProblems } from "@/lib/help/parity";
import { linksOf } from "@/lib/help/rich-text";
import { actions, decide } from "@/lib/core/permissions";
import { features, planIncludes, plans } from "@/lib/core/plans";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

const both = [
  { locale: "en", content: helpContent.en },
  { locale: "fr", content: helpContent.fr },
] as const;

function texts(block: Block): string[] {
  if (block.kind === "list") return block.items;
  if (block.kind === "figure") return [block.caption, block.alt];
  if (block.kind === "generated" || block.kind === "code") return [];
  return [block.text];
}

function allTexts(content: HelpContent): string[] {
  return Object.values(content.articles).flatMap((article) => [
    article.title,
    article.description,
    ...article.intro.flatMap(texts),
    ...article.sections.flatMap((section) => [section.heading, ...section.blocks.flatMap(texts)]),
    ...article.next.map((next) => next.text),
  ]);
}

describe("help articles in both languages", () => {
  it("French and English have the same articles with the same sections, callouts, figures and links", () => {
    expect(parityProblems(both[0], both[1])).toEqual([]);
    expect(Object.keys(helpContent.en.articles).sort()).toEqual([...helpSlugs].sort());
  });

  it("an article written in one language only is caught", () => {
    const { authentication: _dropped, ...rest } = helpContent.fr.articles;
    const frenchWithoutOne = { ...helpContent.fr, articles: rest } as unknown as HelpContent;
    expect(parityProblems(both[0], { locale: "fr", content: frenchWithoutOne })).toEqual(["authentication exists in en only"]);
  });

  it("a translation that drops a section or a link is caught", () => {
    const article = helpContent.fr.articles["basic-setup"];
    const shorter = { ...helpContent.fr, articles: { ...helpContent.fr.articles, "basic-setup": { ...article, sections: article.sections.slice(1) } } };
    expect(parityProblems(both[0], { locale: "fr", content: shorter })).toEqual(["basic-setup differs between en and fr"]);
  });

  it("internal links point at the help center, the console or an anchor of the page", () => {
    for (const { content } of both) {
      for (const href of allTexts(content).flatMap(linksOf)) {
        expect(href).toMatch(/^(\/help\/(basic-setup|roles-and-permissions|plans-and-features|authentication|api|audit-log)|\/admin(\/(profile|organization|members|billing|authentication|api-keys|audit|audit-streaming))?|#[a-z-]+)$/);
      }
    }
  });

  it("French text uses no-break spaces before : ; ? ! and the typographic apostrophe", () => {
    const offenders = allTexts(helpContent.fr).filter((text) => / [:;?!»]|« |'/.test(text.replace(/\{[^}]*\}/g, "")));
    expect(offenders).toEqual([]);
  });

  it("no text is empty in either language", () => {
    for (const { content } of both) expect(allTexts(content).filter((text) => text.trim() === "")).toEqual([]);
  });
});

describe("the generated articles follow the code", () => {
  it("the roles article lists exactly what lib/core/permissions.ts allows each role", () => {
    const table = rolesTable();
    expect(table.map((row) => row.action)).toEqual(actions);
    for (const row of table) {
      for (const column of roleColumns) {
        const onEveryPlan = plans.some((plan) => decide({ ...column, plan }, row.action).allowed);
        expect([row.action, column.key, row.allowed[column.key]]).toEqual([row.action, column.key, onEveryPlan]);
      }
      const allowedOn = plans.filter((plan) => decide({ role: "admin", billing: true, plan }, row.action).allowed);
      expect([row.action, row.plans ?? plans]).toEqual([row.action, allowedOn]);
    }
  });

  it("the plans article lists exactly the features lib/core/plans.ts gives each plan", () => {
    const table = plansTable();
    expect(table.map((row) => row.feature)).toEqual(features);
    for (const row of table) for (const plan of plans) expect([row.feature, plan, row.included[plan]]).toEqual([row.feature, plan, planIncludes(plan, row.feature)]);
  });

  it("every permission and every feature has a name in both languages, the features one set for billing and help", () => {
    for (const { content } of both) expect(Object.keys(content.labels.actions).sort()).toEqual([...actions].sort());
    for (const messages of [en, fr]) expect(Object.keys(messages.Features).sort()).toEqual([...features].sort());
  });
});

describe("the API article follows the code", () => {
  it("has a generated scopes table and reference in both languages", () => {
    for (const { content } of both) {
      const blocks = content.articles.api.sections.flatMap((section) => section.blocks);
      expect(blocks).toContainEqual({ kind: "generated", table: "scopes" });
      expect(blocks).toContainEqual({ kind: "generated", table: "apiReference" });
    }
  });
});
