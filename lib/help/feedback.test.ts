import { helpSlugs } from "./types";
import { count } from "drizzle-orm";
import { helpFeedback } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, viewerOf } from "@/tests/support/factories";
import { throttlePolicy } from "@/lib/core/throttle";
import { getHelpFeedbackCounts, hasAnswered, recordHelpFeedback } from "./feedback";

const database = testDatabaseForThisFile();

const voter = (tag: string) => `voter-${tag}-0123456789abcdef`;

async function rowCount(): Promise<number> {
  const [row] = await database.db.select({ value: count() }).from(helpFeedback);
  return Number(row?.value ?? 0);
}

describe("help feedback", () => {
  it("a visitor's answer is stored once: a second answer from the same browser changes nothing", async () => {
    const first = await recordHelpFeedback(database.db, { article: "basic-setup", locale: "fr", helpful: "yes", voter: voter("a") });
    const second = await recordHelpFeedback(database.db, { article: "basic-setup", locale: "fr", helpful: "no", voter: voter("a") });
    expect(first).toEqual({ ok: true, recorded: true, article: "basic-setup" });
    expect(second).toEqual({ ok: true, recorded: false, article: "basic-setup" });
    expect(await hasAnswered(database.db, "basic-setup", voter("a"))).toBe(true);
    expect(await hasAnswered(database.db, "authentication", voter("a"))).toBe(false);
  });

  it("the same browser may answer for each article", async () => {
    const result = await recordHelpFeedback(database.db, { article: "authentication", locale: "en", helpful: "no", voter: voter("a") });
    expect(result).toMatchObject({ ok: true, recorded: true });
  });

  it("an unknown article, locale, answer or a malformed voter id is refused and stores nothing", async () => {
    const before = await rowCount();
    const inputs = [
      { article: "no-such-article", locale: "en", helpful: "yes", voter: voter("b") },
      { article: "basic-setup", locale: "de", helpful: "yes", voter: voter("b") },
      { article: "basic-setup", locale: "en", helpful: "maybe", voter: voter("b") },
      { article: "basic-setup", locale: "en", helpful: "yes", voter: "short" },
      { article: "basic-setup", locale: "en", helpful: "yes", voter: "x'; drop table help_feedback; --aaaaaaaaaaaa" },
      {},
    ];
    for (const input of inputs) expect(await recordHelpFeedback(database.db, input)).toEqual({ ok: false, error: "validation" });
    expect(await rowCount()).toBe(before);
  });

  it("an Admin sees the counts per article, every article listed", async () => {
    const cast = await createCast(database.db);
    await recordHelpFeedback(database.db, { article: "basic-setup", locale: "en", helpful: "no", voter: voter("c") });
    const result = await getHelpFeedbackCounts(database.db, await viewerOf(database.db, cast.admin.id));
    if (!result.ok) throw new Error(result.error);
    expect(result.counts).toEqual([
      { article: "basic-setup", helpful: 1, notHelpful: 1 },
      { article: "roles-and-permissions", helpful: 0, notHelpful: 0 },
      { article: "plans-and-features", helpful: 0, notHelpful: 0 },
      { article: "authentication", helpful: 0, notHelpful: 1 },
      ...helpSlugs.slice(4).map((article) => ({ article, helpful: 0, notHelpful: 0 })),
    ]);
  });

  it("a Billing-only member, a Member and a signed-out visitor cannot see the counts", async () => {
    const cast = await createCast(database.db, "enterprise");
    for (const id of [cast.billing.id, cast.member.id]) {
      expect(await getHelpFeedbackCounts(database.db, await viewerOf(database.db, id))).toEqual({ ok: false, error: "forbidden" });
    }
    expect(await getHelpFeedbackCounts(database.db, null)).toEqual({ ok: false, error: "forbidden" });
  });

  it("a client that drops its cookie to vote again is stopped per address, other addresses still vote", async () => {
    const before = await rowCount();
    const clientAddress = "203.0.113.77";
    const vote = (tag: string, address: string) => recordHelpFeedback(database.db, { article: "basic-setup", locale: "en", helpful: "no", voter: voter(tag) }, { clientAddress: address });
    for (let index = 0; index < throttlePolicy.helpFeedbackAddress.maxFailures; index += 1) expect(await vote(`flood${index}`, clientAddress)).toMatchObject({ ok: true, recorded: true });
    expect(await vote("flood-last", clientAddress)).toEqual({ ok: false, error: "throttled" });
    expect(await rowCount()).toBe(before + throttlePolicy.helpFeedbackAddress.maxFailures);
    expect(await vote("neighbour", "198.51.100.77")).toMatchObject({ ok: true, recorded: true });
  });
});
