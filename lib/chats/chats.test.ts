import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, viewerOf } from "@/tests/support/factories";
import { chatTitle, getChatsForViewer, startChat } from "./chats";
import { getContentCounts } from "@/lib/jobs/jobs";

const database = testDatabaseForThisFile();

describe("starting a chat", () => {
  it("stores the first message and names the chat after its first line, for its author only", async () => {
    const cast = await createCast(database.db);
    const member = await viewerOf(database.db, cast.member.id);
    const admin = await viewerOf(database.db, cast.admin.id);
    const before = await getContentCounts(database.db, cast.organization.id);
    const result = await startChat(database.db, member, { message: "  Résume ce rapport,\r\nen trois points 📄  " });
    expect(result).toMatchObject({ ok: true, title: "Résume ce rapport, en trois points 📄" });
    expect(await getChatsForViewer(database.db, member)).toEqual([expect.objectContaining({ title: "Résume ce rapport, en trois points 📄", messageCount: 1 })]);
    expect(await getChatsForViewer(database.db, admin)).toEqual([]);
    // The Danger zone's counts see the new chat at once.
    expect(await getContentCounts(database.db, cast.organization.id)).toMatchObject({ chats: before.chats + 1, messages: before.messages + 1 });
  });

  it("refuses empty, too long, invisible-character and signed-out input and stores nothing", async () => {
    const cast = await createCast(database.db);
    const member = await viewerOf(database.db, cast.member.id);
    expect(await startChat(database.db, member, { message: "   \n " })).toEqual({ ok: false, error: "validation", fields: { message: ["required"] } });
    expect(await startChat(database.db, member, {})).toMatchObject({ ok: false, fields: { message: ["required"] } });
    expect(await startChat(database.db, member, { message: "x".repeat(4001) })).toMatchObject({ ok: false, fields: { message: ["tooLong"] } });
    expect(await startChat(database.db, member, { message: "pay \u202Eevil" })).toMatchObject({ ok: false, fields: { message: ["invalidCharacters"] } });
    expect(await startChat(database.db, member, { message: "bell \u0007" })).toMatchObject({ ok: false, fields: { message: ["invalidCharacters"] } });
    expect(await startChat(database.db, null, { message: "hello" })).toEqual({ ok: false, error: "forbidden" });
    expect(await getChatsForViewer(database.db, member)).toEqual([]);
  });

  it("cuts long titles at 60 visible characters without splitting an emoji", () => {
    expect(chatTitle("a".repeat(60))).toBe("a".repeat(60));
    const long = `${"b".repeat(58)}👩‍👩‍👧‍👦👩‍👩‍👧‍👦 and more`;
    expect(chatTitle(long)).toBe(`${"b".repeat(58)}👩‍👩‍👧‍👦…`);
  });
});
