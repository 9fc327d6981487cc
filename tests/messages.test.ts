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
