import { eq, sql } from "drizzle-orm";
import { auditEvents, chats, deletedOrganizations, invitations, jobs, messages, organizations, users } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, createChats, createOrganization, createUser, signedInViewer, testPassword, viewerOf } from "@/tests/support/factories";
import { queryRows } from "@/lib/core/db";
import { renameOrganization, requestChatPurge, requestOrganizationDeletion } from "./organizations";
import { loadSessionUser, type Viewer } from "@/lib/auth/session-user";
import { drainJobs, defaultWorkerOptions } from "@/lib/jobs/worker";

const database = testDatabaseForThisFile();

const options = { ...defaultWorkerOptions, batchSize: 3, batchTargetMs: 0 };

/** Everything of an organization, to prove a refusal changed nothing. */
async function snapshot(organizationId: string) {
  const db = database.db;
  const [organization] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  const [counts] = await queryRows<Record<string, number>>(
    db,
    sql`select
      (select count(*)::int from users where organization_id = ${organizationId}) as users,
      (select count(*)::int from chats where organization_id = ${organizationId}) as chats,
      (select count(*)::int from messages m join chats c on c.id = m.chat_id where c.organization_id = ${organizationId}) as messages,
      (select count(*)::int from audit_events where organization_id = ${organizationId}) as audit,
      (select count(*)::int from jobs where organization_id = ${organizationId}) as jobs`,
  );
  return { organization, counts };
}

async function setting() {
  const cast = await createCast(database.db);
  await createChats(database.db, cast.organization.id, cast.member.id, 7, 3);
  const other = await createCast(database.db);
  await createChats(database.db, other.organization.id, other.member.id, 4, 2);
  return {
    cast,
    other,
    admin: await viewerOf(database.db, cast.admin.id),
    billing: await viewerOf(database.db, cast.billing.id),
    member: await viewerOf(database.db, cast.member.id),
    otherAdmin: await viewerOf(database.db, other.admin.id),
  };
}

type Attempt = (actor: Viewer | null, organizationName: string) => Promise<{ ok: boolean; error?: string }>;

const attempts: Record<string, Attempt> = {
  rename: (actor) => renameOrganization(database.db, actor, { name: "Renamed Ltd" }),
  purge: (actor, name) => requestChatPurge(database.db, actor, { confirmation: name }),
  delete: (actor, name) => requestOrganizationDeletion(database.db, actor, { confirmation: name, password: testPassword }),
};

describe.each(Object.keys(attempts))("who may %s the organization", (action) => {
  it(`a Billing-only member, a Member, a signed-out request and another organization's Admin cannot ${action} it, and nothing changes`, async () => {
    const { cast, billing, member, otherAdmin } = await setting();
    const before = await snapshot(cast.organization.id);
    for (const actor of [billing, member, null]) {
      expect(await attempts[action]!(actor, cast.organization.name)).toEqual({ ok: false, error: "forbidden" });
    }
    // Another organization's Admin only ever acts on their own organization, never on this one.
    if (action !== "delete") await attempts[action]!(otherAdmin, otherAdmin.organization.name);
    await drainJobs(database.db, options);
    expect(await snapshot(cast.organization.id)).toEqual(before);
  });

  it(`an Admin can ${action} it`, async () => {
    const { admin, cast } = await setting();
    expect(await attempts[action]!(admin, cast.organization.name)).toMatchObject({ ok: true });
  });
});

describe("renaming", () => {
  it("stores the trimmed, normalized name and records old and new names", async () => {
    const { admin, cast } = await setting();
    const result = await renameOrganization(database.db, admin, { name: "  Cafe\u0301   Crème  " });
    expect(result).toMatchObject({ ok: true, name: "Café Crème", changed: true, organization: { id: cast.organization.id, name: "Café Crème", members: 3 } });
    const [row] = await database.db.select().from(organizations).where(eq(organizations.id, cast.organization.id));
    expect(row!.name).toBe("Café Crème");
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, cast.organization.id));
    expect(events.find((event) => event.action === "organization.renamed")).toMatchObject({
      actorId: admin.id,
      data: { from: cast.organization.name, to: "Café Crème" },
    });
  });

  it("an unchanged name is a no-op that writes no audit event", async () => {
    const { admin, cast } = await setting();
    const before = await snapshot(cast.organization.id);
    expect(await renameOrganization(database.db, admin, { name: ` ${cast.organization.name} ` })).toMatchObject({
      ok: true,
      name: cast.organization.name,
      changed: false,
    });
    expect(await snapshot(cast.organization.id)).toEqual(before);
  });

  it("refuses an empty name, a name over 64 characters and a bidirectional override", async () => {
    const { admin } = await setting();
    for (const [name, code] of [["   ", "required"], ["x".repeat(65), "tooLong"], ["Acme\u202Eevil", "invalidCharacters"]] as const) {
      expect(await renameOrganization(database.db, admin, { name })).toEqual({ ok: false, error: "validation", fields: { name: [code] } });
    }
  });

  it("the database refuses any change of the organization ID", async () => {
    const { cast } = await setting();
    await expect(
      database.db.update(organizations).set({ id: "00000000-0000-4000-8000-000000000001" }).where(eq(organizations.id, cast.organization.id)),
    ).rejects.toThrow();
  });
});

describe("purging chats", () => {
  it("asks for the exact name, then removes every chat and message of the organization and nothing else", async () => {
    const { admin, cast, other } = await setting();
    const otherBefore = await snapshot(other.organization.id);
    expect(await requestChatPurge(database.db, admin, { confirmation: "not the name" })).toEqual({
      ok: false,
      error: "validation",
      fields: { confirmation: ["confirmationMismatch"] },
    });
    expect(await requestChatPurge(database.db, admin, { confirmation: "" })).toMatchObject({ fields: { confirmation: ["required"] } });
    const result = await requestChatPurge(database.db, admin, { confirmation: ` ${cast.organization.name}` });
    expect(result).toMatchObject({ ok: true, created: true, job: { kind: "purge_chats", state: "queued" } });
    await drainJobs(database.db, options);

    const after = await snapshot(cast.organization.id);
    expect(after.counts).toMatchObject({ users: 3, chats: 0, messages: 0 });
    expect(await snapshot(other.organization.id)).toEqual(otherBefore);
    const [job] = await database.db.select().from(jobs).where(eq(jobs.organizationId, cast.organization.id));
    expect(job).toMatchObject({ state: "done", progress: { chats: 7, messages: 21, totalChats: 7, totalMessages: 21 } });
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, cast.organization.id));
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(["organization.chatsPurgeRequested", "organization.chatsPurged"]));
    expect(events.find((event) => event.action === "organization.chatsPurged")!.data).toMatchObject({ chats: 7, messages: 21 });
  });

  it("asking twice while the purge waits answers the same job", async () => {
    const { admin, cast } = await setting();
    const first = await requestChatPurge(database.db, admin, { confirmation: cast.organization.name });
    const second = await requestChatPurge(database.db, admin, { confirmation: cast.organization.name });
    expect(first.ok && second.ok && second.job.id === first.job.id && !second.created).toBe(true);
    await drainJobs(database.db, options);
  });
});

describe("deleting the organization", () => {
  it("refuses a wrong name or a wrong password and changes nothing", async () => {
    const { admin, cast } = await setting();
    const before = await snapshot(cast.organization.id);
    expect(await requestOrganizationDeletion(database.db, admin, { confirmation: "nope", password: testPassword })).toMatchObject({
      fields: { confirmation: ["confirmationMismatch"] },
    });
    expect(await requestOrganizationDeletion(database.db, admin, { confirmation: cast.organization.name, password: "wrong-password" })).toEqual({
      ok: false,
      error: "wrongPassword",
      fields: { password: ["wrongPassword"] },
    });
    expect(await snapshot(cast.organization.id)).toEqual(before);
  });

  it("shuts everyone out at once, then removes everything of it and leaves only the tombstone", async () => {
    const { admin, cast, other } = await setting();
    await database.db.insert(invitations).values({
      organizationId: cast.organization.id,
      email: "later@example.test",
      tokenHash: `hash-${cast.organization.id}`,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const browsers = await Promise.all([cast.admin, cast.billing, cast.member].map((user) => signedInViewer(database.db, user.id)));
    const otherBefore = await snapshot(other.organization.id);
    const result = await requestOrganizationDeletion(database.db, admin, { confirmation: cast.organization.name, password: testPassword });
    expect(result).toMatchObject({ ok: true, job: { kind: "delete_organization" } });

    // From this request on, every member's next request finds the organization gone.
    for (const browser of browsers) {
      expect(await loadSessionUser(database.db, browser.sessionId)).toEqual({ status: "gone", reason: "organizationDeleted" });
    }
    await drainJobs(database.db, options);

    for (const table of [users, chats, invitations, auditEvents] as const) {
      const rows = await database.db.select().from(table).where(eq(table.organizationId, cast.organization.id));
      expect(rows).toHaveLength(0);
    }
    const [orphans] = await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from messages where chat_id not in (select id from chats)`);
    expect(orphans!.count).toBe(0);
    expect(await database.db.select().from(organizations).where(eq(organizations.id, cast.organization.id))).toHaveLength(0);
    expect(await database.db.select().from(deletedOrganizations).where(eq(deletedOrganizations.id, cast.organization.id))).toHaveLength(1);
    for (const browser of browsers) {
      expect(await loadSessionUser(database.db, browser.sessionId)).toEqual({ status: "gone", reason: "organizationDeleted" });
    }
    expect(await snapshot(other.organization.id)).toEqual(otherBefore);
    const [job] = await database.db.select().from(jobs).where(eq(jobs.organizationId, cast.organization.id));
    expect(job).toMatchObject({ state: "done", progress: { chats: 7, messages: 21, users: 3 } });
  });

  it("a deleted organization's ID never comes back", async () => {
    const organization = await createOrganization(database.db);
    const admin = await createUser(database.db, organization.id, { role: "admin" });
    const viewer = await viewerOf(database.db, admin.id);
    await requestOrganizationDeletion(database.db, viewer, { confirmation: organization.name, password: testPassword });
    await drainJobs(database.db, options);
    await expect(database.db.insert(organizations).values({ id: organization.id, name: "Again" })).rejects.toThrow();
    expect(await database.db.select().from(messages).where(eq(messages.chatId, -1))).toHaveLength(0);
  });
});
