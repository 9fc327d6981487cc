import fc from "fast-check";
import { eq } from "drizzle-orm";
import { organizations } from "@/db/schema";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, viewerOf } from "@/tests/support/factories";
import { renameOrganization } from "./organizations";
import { normalizeDisplayText, organizationName } from "@/lib/core/schemas";
import { nameConfirmation } from "./schemas";

const database = testDatabaseForThisFile();

/** Any text a person could paste: every code point, emoji, invisible marks, long runs of space. */
const anyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(" ", "\t", "\u00a0", "\u202e", "\u200f", "e", "\u0301", "é", "🦊", "👩‍👩‍👧", "Ω", "語", "\u0000"), maxLength: 90 }),
);

function isLocalized(code: string): boolean {
  return code in en.Errors && code in fr.Errors;
}

describe("renaming, for any input", () => {
  it("stores exactly the normalized name or refuses it with a localized error, never raising", async () => {
    const cast = await createCast(database.db);
    const admin = await viewerOf(database.db, cast.admin.id);
    await fc.assert(
      fc.asyncProperty(anyText, async (input) => {
        const [before] = await database.db.select().from(organizations).where(eq(organizations.id, cast.organization.id));
        const result = await renameOrganization(database.db, { ...admin, organization: { ...admin.organization, name: before!.name } }, { name: input });
        const [after] = await database.db.select().from(organizations).where(eq(organizations.id, cast.organization.id));
        if (result.ok) {
          expect(result.name).toBe(normalizeDisplayText(input));
          expect(after!.name).toBe(result.name);
          expect(organizationName.safeParse(after!.name)).toMatchObject({ success: true, data: after!.name });
        } else {
          expect(result.error).toBe("validation");
          expect(result.fields?.name?.every(isLocalized)).toBe(true);
          expect(after!.name).toBe(before!.name);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("typed confirmation, for any input", () => {
  it("accepts exactly the organization's name, give or take spaces and Unicode composition", () => {
    const validName = anyText.map((text) => organizationName.safeParse(text)).filter((parsed) => parsed.success).map((parsed) => parsed.data!);
    fc.assert(
      fc.property(validName, anyText, (name, typed) => {
        const parsed = nameConfirmation(name).safeParse(typed);
        expect(parsed.success).toBe(normalizeDisplayText(typed) === name);
        if (!parsed.success) expect(parsed.error.issues.every((issue) => isLocalized(issue.message))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("always accepts the name typed with extra spaces around it or in decomposed form", () => {
    const validName = anyText.map((text) => organizationName.safeParse(text)).filter((parsed) => parsed.success).map((parsed) => parsed.data!);
    fc.assert(
      fc.property(validName, fc.constantFrom("", " ", "  \t"), (name, padding) => {
        expect(nameConfirmation(name).safeParse(`${padding}${name.normalize("NFD")}${padding}`).success).toBe(true);
      }),
    );
  });
});
