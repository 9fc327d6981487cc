import { eq } from "drizzle-orm";
import { auditEvents, chats, users } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, createChats, createUser, getUserById, viewerOf } from "@/tests/support/factories";
import { can } from "@/lib/core/permissions";
import { changeMemberRole, listMembers, removeMember } from "./members";
import { loadUserViewer } from "@/lib/auth/session-user";

const database = testDatabaseForThisFile();

describe("members", () => {
  it("an Admin sees every member, and can filter them by name or email", async () => {
    const { organization, admin, member } = await createCast(database.db);
    await createUser(database.db, organization.id, { name: "Zoë 100% Martin", email: "zoe@example.test" });
    const all = await listMembers(database.db, await viewerOf(database.db, admin.id));
    expect(all.ok && all.members).toHaveLength(4);
    const filtered = await listMembers(database.db, await viewerOf(database.db, admin.id), { query: "ZOË 100%" });
    expect(filtered.ok && filtered.members.map((row) => row.email)).toEqual(["zoe@example.test"]);
    expect(await listMembers(database.db, await viewerOf(database.db, member.id))).toEqual({ ok: false, error: "forbidden" });
  });

  it("a role change takes effect on that member's very next request", async () => {
    const { admin, member } = await createCast(database.db);
    const before = await viewerOf(database.db, member.id);
    expect(can(before, "members.manage")).toBe(false);
    const result = await changeMemberRole(database.db, await viewerOf(database.db, admin.id), { userId: member.id, role: "admin", billing: "on" });
    expect(result).toMatchObject({ ok: true, changed: true });
    const next = await loadUserViewer(database.db, member.id);
    expect(next.status === "ok" && next.viewer).toMatchObject({ role: "admin", billing: true });
    expect(next.status === "ok" && can(next.viewer, "members.manage")).toBe(true);
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.target, member.email));
    expect(events.map((event) => event.action).sort()).toEqual(["member.billingChanged", "member.roleChanged"]);
  });

  it("the last Admin can be neither demoted nor removed", async () => {
    const { admin } = await createCast(database.db);
    const actor = await viewerOf(database.db, admin.id);
    expect(await changeMemberRole(database.db, actor, { userId: admin.id, role: "member" })).toEqual({ ok: false, error: "lastAdmin", fields: { role: ["lastAdmin"] } });
    expect(await removeMember(database.db, actor, { userId: admin.id, confirmation: admin.email })).toEqual({ ok: false, error: "lastAdmin" });
    expect(await getUserById(database.db, admin.id)).toMatchObject({ role: "admin" });
  });

  it("two Admins demoting each other at the same time leave exactly one Admin", async () => {
    const { organization, admin } = await createCast(database.db);
    const second = await createUser(database.db, organization.id, { role: "admin" });
    const [first, other] = await Promise.all([viewerOf(database.db, admin.id), viewerOf(database.db, second.id)]);
    const results = await Promise.all([
      changeMemberRole(database.db, first, { userId: second.id, role: "member" }),
      changeMemberRole(database.db, other, { userId: admin.id, role: "member" }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const admins = await database.db.select().from(users).where(eq(users.organizationId, organization.id));
    expect(admins.filter((user) => user.role === "admin")).toHaveLength(1);
  });

  it("removing a member needs their exact email typed, and takes their chats with them", async () => {
    const { organization, admin, member } = await createCast(database.db);
    await createChats(database.db, organization.id, member.id, 3);
    const actor = await viewerOf(database.db, admin.id);
    expect(await removeMember(database.db, actor, { userId: member.id, confirmation: "someone@else.test" })).toEqual({
      ok: false,
      error: "memberEmailMismatch",
      fields: { confirmation: ["memberEmailMismatch"] },
    });
    expect(await getUserById(database.db, member.id)).toBeDefined();
    const result = await removeMember(database.db, actor, { userId: member.id, confirmation: ` ${member.email.toUpperCase()} ` });
    expect(result).toEqual({ ok: true, removed: { email: member.email, name: member.name } });
    expect(await getUserById(database.db, member.id)).toBeUndefined();
    expect(await database.db.select().from(chats).where(eq(chats.userId, member.id))).toHaveLength(0);
  });

  it("an Admin cannot touch a member of another organization", async () => {
    const { admin } = await createCast(database.db);
    const other = await createCast(database.db);
    const actor = await viewerOf(database.db, admin.id);
    expect(await changeMemberRole(database.db, actor, { userId: other.member.id, role: "admin" })).toEqual({ ok: false, error: "notFound" });
    expect(await removeMember(database.db, actor, { userId: other.member.id, confirmation: other.member.email })).toEqual({ ok: false, error: "notFound" });
    expect(await changeMemberRole(database.db, actor, { userId: "not-a-uuid", role: "admin" })).toEqual({ ok: false, error: "notFound" });
  });

  it("an Admin demoted a moment ago can no longer change roles with the viewer read before", async () => {
    const { organization, admin, member } = await createCast(database.db);
    const second = await createUser(database.db, organization.id, { role: "admin" });
    const stale = await viewerOf(database.db, second.id);
    await changeMemberRole(database.db, await viewerOf(database.db, admin.id), { userId: second.id, role: "member" });
    expect(await changeMemberRole(database.db, stale, { userId: member.id, role: "admin" })).toEqual({ ok: false, error: "forbidden" });
  });
});
