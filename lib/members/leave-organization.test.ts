import { eq } from "drizzle-orm";
import { auditEvents, chats, users } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, createChats, createUser, getUserById, testPassword, viewerOf } from "@/tests/support/factories";
import { leaveOrganization } from "./members";

const database = testDatabaseForThisFile();

describe("leaving the organization", () => {
  it.each(["billing", "member"] as const)("a %s leaves: their account and chats go, the others' stay", async (who) => {
    const cast = await createCast(database.db);
    const leaver = cast[who];
    await createChats(database.db, cast.organization.id, leaver.id, 3);
    const otherChats = await createChats(database.db, cast.organization.id, cast.admin.id, 2);
    const result = await leaveOrganization(database.db, await viewerOf(database.db, leaver.id), {
      confirmation: ` ${leaver.email.toUpperCase()} `,
      password: testPassword,
    });
    expect(result).toEqual({ ok: true });
    expect(await getUserById(database.db, leaver.id)).toBeUndefined();
    expect(await database.db.select().from(chats).where(eq(chats.userId, leaver.id))).toEqual([]);
    expect((await database.db.select().from(chats).where(eq(chats.userId, cast.admin.id))).map((chat) => chat.id)).toEqual(otherChats);
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.target, leaver.email));
    expect(event).toMatchObject({ action: "member.left", organizationId: cast.organization.id });
  });

  it("the last Admin cannot leave; once another Admin exists, they can", async () => {
    const { organization, admin } = await createCast(database.db);
    const input = { confirmation: admin.email, password: testPassword };
    expect(await leaveOrganization(database.db, await viewerOf(database.db, admin.id), input)).toEqual({ ok: false, error: "lastAdmin" });
    expect(await getUserById(database.db, admin.id)).toBeDefined();
    await createUser(database.db, organization.id, { role: "admin" });
    expect(await leaveOrganization(database.db, await viewerOf(database.db, admin.id), input)).toEqual({ ok: true });
  });

  it("refuses a wrong email, a wrong password, or nobody signed in, and changes nothing", async () => {
    const { member } = await createCast(database.db);
    const viewer = await viewerOf(database.db, member.id);
    expect(await leaveOrganization(database.db, viewer, { confirmation: "someone@else.test", password: testPassword })).toMatchObject({
      error: "ownEmailMismatch",
    });
    expect(await leaveOrganization(database.db, viewer, { confirmation: member.email, password: "wrong" })).toMatchObject({ error: "wrongPassword" });
    expect(await leaveOrganization(database.db, viewer, {})).toMatchObject({ error: "validation" });
    expect(await leaveOrganization(database.db, null, { confirmation: member.email, password: testPassword })).toEqual({ ok: false, error: "forbidden" });
    const [still] = await database.db.select().from(users).where(eq(users.id, member.id));
    expect(still).toBeDefined();
  });
});
