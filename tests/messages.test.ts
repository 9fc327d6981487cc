import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value !== "object" || value === null) return [];
  return Object.values(value).flatMap(strings);
}

describe("message catalogues", () => {
  it("French and English have exactly the same keys", () => {
    const french = new Set(keys(fr));
    const english = new Set(keys(en));
    expect([...english].filter((key) => !french.has(key))).toEqual([]);
    expect([...french].filter((key) => !english.has(key))).toEqual([]);
  });

  it("messages read as plain text, without next-intl (API problems, the 503 page, the SAML hand-off), hold no ICU syntax", () => {
    // Inside the build the catalogues arrive precompiled (next.config.mjs): a message with an
    // argument, a plural or an escape is then no longer a string. These few are used as they are.
    for (const catalogue of [en, fr]) {
      const plain = [...strings(catalogue.Api.problems), ...strings(catalogue.Unavailable), catalogue.Sso.continueTitle, catalogue.Sso.continueBody, catalogue.Sso.continue];
      expect(plain.length).toBeGreaterThan(20);
      expect(plain.filter((message) => /[{}<>]|'['{}#|<]/.test(message))).toEqual([]);
    }
  });

  it("no message is empty in either language", () => {
    expect(strings(en).filter((text) => text.trim() === "")).toEqual([]);
    expect(strings(fr).filter((text) => text.trim() === "")).toEqual([]);
  });

  it("French puts a no-break space before : ; ? ! and inside « »", () => {
    const offenders = strings(fr).filter((text) => / [:;?!»]|« /.test(text.replace(/\{[^}]*\}/g, "")));
    expect(offenders).toEqual([]);
  });

  it("French uses the typographic apostrophe", () => {
    expect(strings(fr).filter((text) => text.includes("'") && !text.includes("{"))).toEqual([]);
  });
});
