import { eq } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, testPassword, viewerOf } from "@/tests/support/factories";
import { authenticate } from "@/lib/auth/accounts";
import { changePassword, updateProfile } from "./profile";

const database = testDatabaseForThisFile();

describe("profile", () => {
  it.each(["admin", "billing", "member"] as const)("a %s edits their own name and language", async (who) => {
    const cast = await createCast(database.db);
    const actor = await viewerOf(database.db, cast[who].id);
    const result = await updateProfile(database.db, actor, { name: "  Zoé   Martin ", locale: "fr" });
    expect(result).toEqual({ ok: true, name: "Zoé Martin", locale: "fr", changed: true });
    const [user] = await database.db.select().from(users).where(eq(users.id, actor.id));
    expect(user).toMatchObject({ name: "Zoé Martin", locale: "fr" });
  });

  it("refuses a bad language or an empty name and changes nothing", async () => {
    const { member } = await createCast(database.db);
    const actor = await viewerOf(database.db, member.id);
    const result = await updateProfile(database.db, actor, { name: "", locale: "de" });
    expect(result).toEqual({ ok: false, error: "validation", fields: { name: ["required"], locale: ["invalidLocale"] } });
    const [user] = await database.db.select().from(users).where(eq(users.id, actor.id));
    expect(user).toMatchObject({ name: member.name, locale: member.locale });
  });

  it("refuses a signed-out request", async () => {
    expect(await updateProfile(database.db, null, { name: "X", locale: "en" })).toEqual({ ok: false, error: "forbidden" });
    expect(await changePassword(database.db, null, {})).toEqual({ ok: false, error: "forbidden" });
  });

  it("an unchanged profile writes nothing to the audit log", async () => {
    const { member } = await createCast(database.db);
    const actor = await viewerOf(database.db, member.id);
    expect(await updateProfile(database.db, actor, { name: member.name, locale: member.locale })).toMatchObject({ changed: false });
    expect(await database.db.select().from(auditEvents).where(eq(auditEvents.actorId, member.id))).toEqual([]);
  });

  it("changes the password only with the current one, and the new one signs in", async () => {
    const { member } = await createCast(database.db);
    const actor = await viewerOf(database.db, member.id);
    const wrong = await changePassword(database.db, actor, { currentPassword: "nope", newPassword: "brand-new-password", confirmPassword: "brand-new-password" });
    expect(wrong).toEqual({ ok: false, error: "wrongPassword", fields: { currentPassword: ["wrongPassword"] } });
    const mismatch = await changePassword(database.db, actor, { currentPassword: testPassword, newPassword: "brand-new-password", confirmPassword: "other-password" });
    expect(mismatch).toMatchObject({ ok: false, fields: { confirmPassword: ["passwordsDoNotMatch"] } });
    expect(await changePassword(database.db, actor, { currentPassword: testPassword, newPassword: "brand-new-password", confirmPassword: "brand-new-password" })).toMatchObject({ ok: true });
    expect(await authenticate(database.db, { email: member.email, password: "brand-new-password" })).toMatchObject({ ok: true });
    expect(await authenticate(database.db, { email: member.email, password: testPassword })).toMatchObject({ ok: false });
  });
});
