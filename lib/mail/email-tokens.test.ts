import { eq } from "drizzle-orm";
import { emailTokens } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { consumeEmailToken, deleteSpentEmailTokens, emailTokenLifetimeMs, issueEmailToken, lookupEmailToken, spentTokenRetentionMs } from "./email-tokens";
import { hashToken } from "@/lib/core/tokens";

const database = testDatabaseForThisFile();

let sequence = 0;
const address = () => `token${++sequence}@example.test`;

describe("emailed link tokens", () => {
  it("stores only the SHA-256 of the token, never the token itself", async () => {
    const email = address();
    const token = await issueEmailToken(database.db, { purpose: "passwordReset", email });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await database.db.select().from(emailTokens).where(eq(emailTokens.email, email));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("works until it expires: an hour for a reset, a day for a sign-up confirmation", async () => {
    expect(emailTokenLifetimeMs).toMatchObject({ passwordReset: 60 * 60 * 1000, joinConfirmation: 24 * 60 * 60 * 1000 });
    const now = new Date();
    const token = await issueEmailToken(database.db, { purpose: "passwordReset", email: address() }, now);
    expect(await lookupEmailToken(database.db, "passwordReset", token, new Date(now.getTime() + 59 * 60 * 1000))).toMatchObject({ status: "valid" });
    const later = new Date(now.getTime() + 61 * 60 * 1000);
    expect(await lookupEmailToken(database.db, "passwordReset", token, later)).toEqual({ status: "expired" });
    expect(await consumeEmailToken(database.db, "passwordReset", token, later)).toEqual({ status: "expired" });
  });

  it("works once: looking at it does not use it, using it does", async () => {
    const email = address();
    const token = await issueEmailToken(database.db, { purpose: "joinConfirmation", email, payload: { name: "Ada" } });
    expect(await lookupEmailToken(database.db, "joinConfirmation", token)).toMatchObject({ status: "valid", email });
    expect(await lookupEmailToken(database.db, "joinConfirmation", token)).toMatchObject({ status: "valid" });
    expect(await consumeEmailToken(database.db, "joinConfirmation", token)).toMatchObject({ status: "valid", email, payload: { name: "Ada" } });
    expect(await consumeEmailToken(database.db, "joinConfirmation", token)).toEqual({ status: "used" });
    expect(await lookupEmailToken(database.db, "joinConfirmation", token)).toEqual({ status: "used" });
  });

  it("of two uses at the same moment, exactly one wins", async () => {
    const token = await issueEmailToken(database.db, { purpose: "passwordReset", email: address() });
    const outcomes = await Promise.all([
      database.db.transaction((tx) => consumeEmailToken(tx, "passwordReset", token)),
      database.db.transaction((tx) => consumeEmailToken(tx, "passwordReset", token)),
      consumeEmailToken(database.db, "passwordReset", token),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["used", "used", "valid"]);
  });

  it("a token of one purpose, a malformed or an unknown one opens nothing", async () => {
    const token = await issueEmailToken(database.db, { purpose: "passwordReset", email: address() });
    expect(await lookupEmailToken(database.db, "joinConfirmation", token)).toEqual({ status: "unknown" });
    expect(await consumeEmailToken(database.db, "joinConfirmation", token)).toEqual({ status: "unknown" });
    for (const bad of [undefined, 42, "", "short", "x".repeat(43), `${token}'--`]) {
      expect(await lookupEmailToken(database.db, "passwordReset", bad)).toEqual({ status: "unknown" });
    }
  });

  it("a new link for the same email and purpose replaces the earlier one", async () => {
    const email = address();
    const first = await issueEmailToken(database.db, { purpose: "passwordReset", email });
    const second = await issueEmailToken(database.db, { purpose: "passwordReset", email });
    expect(await lookupEmailToken(database.db, "passwordReset", first)).toEqual({ status: "unknown" });
    expect(await lookupEmailToken(database.db, "passwordReset", second)).toMatchObject({ status: "valid" });
  });

  it("links used or expired more than a week ago are forgotten; recent and live ones stay", async () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const longAgo = new Date(now.getTime() - spentTokenRetentionMs - 2 * 60 * 60 * 1000);
    const oldExpired = await issueEmailToken(database.db, { purpose: "passwordReset", email: "old-expired@spent.example" }, longAgo);
    const oldUsed = await issueEmailToken(database.db, { purpose: "joinConfirmation", email: "old-used@spent.example" }, longAgo);
    await consumeEmailToken(database.db, "joinConfirmation", oldUsed, longAgo);
    const recentExpired = await issueEmailToken(database.db, { purpose: "passwordReset", email: "recent@spent.example" }, new Date(now.getTime() - 2 * 60 * 60 * 1000));
    const live = await issueEmailToken(database.db, { purpose: "joinConfirmation", email: "live@spent.example" }, now);

    expect(await deleteSpentEmailTokens(database.db, now)).toBe(2);
    expect(await lookupEmailToken(database.db, "passwordReset", oldExpired, now)).toEqual({ status: "unknown" });
    expect(await lookupEmailToken(database.db, "joinConfirmation", oldUsed, now)).toEqual({ status: "unknown" });
    expect(await lookupEmailToken(database.db, "passwordReset", recentExpired, now)).toEqual({ status: "expired" });
    expect(await lookupEmailToken(database.db, "joinConfirmation", live, now)).toMatchObject({ status: "valid" });
  });
});
