import { helpContent, tableOfContents, tocThreshold } from "@/lib/help";
import { linksOf, parseRichText } from "@/lib/help/rich-text";

describe("article text markup", () => {
  it("splits bold text, links, screenshot markers and plan tokens from plain text", () => {
    expect(parseRichText("Open the **Main menu** (1), then [Admin](/admin) on {plans:invitations}.")).toEqual([
      { kind: "text", text: "Open the " },
      { kind: "strong", text: "Main menu" },
      { kind: "text", text: " " },
      { kind: "marker", number: 1 },
      { kind: "text", text: ", then " },
      { kind: "link", text: "Admin", href: "/admin" },
      { kind: "text", text: " on " },
      { kind: "plans", feature: "invitations" },
      { kind: "text", text: "." },
    ]);
  });

  it("leaves an unknown plan token as plain text instead of inventing plans", () => {
    expect(parseRichText("{plans:teleportation}")).toEqual([{ kind: "text", text: "{plans:teleportation}" }]);
  });

  it("lists the links of a text", () => {
    expect(linksOf("See [roles](/help/roles-and-permissions) and [below](#danger-zone).")).toEqual(["/help/roles-and-permissions", "#danger-zone"]);
  });
});

describe("table of contents", () => {
  it("long articles get one, listing every section in order; short ones do not", () => {
    for (const article of Object.values(helpContent.en.articles)) {
      const entries = tableOfContents(article);
      if (article.sections.length >= tocThreshold) expect(entries.map((entry) => entry.id)).toEqual(article.sections.map((section) => section.id));
      else expect(entries).toEqual([]);
    }
    expect(tableOfContents(helpContent.fr.articles["basic-setup"]).length).toBeGreaterThanOrEqual(tocThreshold);
  });
});
