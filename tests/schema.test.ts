import { eq, sql } from "drizzle-orm";
import { deletedOrganizations, organizations, users } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, createChats } from "@/tests/support/factories";

const database = testDatabaseForThisFile();

describe("the database guards the product's rules", () => {
  it("refuses to change an organization's ID", async () => {
    const { organization } = await createCast(database.db);
    await expect(
      database.db.update(organizations).set({ id: "00000000-0000-4000-8000-000000000001" }).where(eq(organizations.id, organization.id)),
    ).rejects.toThrow();
    const [still] = await database.db.select().from(organizations).where(eq(organizations.id, organization.id));
    expect(still).toBeDefined();
  });

  it("never gives a deleted organization's ID to a new one", async () => {
    const id = "00000000-0000-4000-8000-0000000000aa";
    await database.db.insert(deletedOrganizations).values({ id });
    await expect(database.db.insert(organizations).values({ id, name: "Reborn" })).rejects.toThrow();
  });

  it("stores emails in lower case only", async () => {
    const { organization } = await createCast(database.db);
    await expect(
      database.db.insert(users).values({ organizationId: organization.id, email: "Mixed@Example.test", name: "X", passwordHash: "x" }),
    ).rejects.toThrow();
  });

  it("deleting an organization takes its users, chats and messages with it", async () => {
    const { organization, member } = await createCast(database.db);
    await createChats(database.db, organization.id, member.id, 3, 4);
    await database.db.delete(organizations).where(eq(organizations.id, organization.id));
    const counts = await database.db.execute<{ users: number; chats: number }>(
      sql`select (select count(*)::int from users where organization_id = ${organization.id}) as users,
                 (select count(*)::int from chats where organization_id = ${organization.id}) as chats`,
    );
    const row = (Array.isArray(counts) ? counts[0] : (counts as unknown as { rows: unknown[] }).rows[0]) as { users: number; chats: number };
    expect(row).toEqual({ users: 0, chats: 0 });
  });
});
