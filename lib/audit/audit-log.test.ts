import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, viewerOf } from "@/tests/support/factories";
import { auditPageSize, listAuditEvents, parseAuditFilter } from "./audit-log";
import { recordAudit } from "./record";

const database = testDatabaseForThisFile();

describe("audit log", () => {
  it("lists the organization's events newest first, a page at a time, filtered by action and member", async () => {
    const { organization, admin, member } = await createCast(database.db);
    const other = await createCast(database.db);
    const start = Date.now() - 100 * 60_000;
    await database.db.insert(auditEvents).values(
      Array.from({ length: 30 }, (_, index) => ({
        organizationId: organization.id,
        actorId: index % 3 === 0 ? member.id : admin.id,
        actorKind: "person" as const,
        actorName: index % 3 === 0 ? member.name : admin.name,
        actorEmail: index % 3 === 0 ? member.email : admin.email,
        action: index % 2 ? "organization.renamed" : "profile.updated",
        data: { index },
        createdAt: new Date(start + index * 60_000),
        // Written here without the chain (no hash): only the listing is under test.
        sequence: index + 1,
      })),
    );
    await database.db.insert(auditEvents).values([
      { organizationId: other.organization.id, actorId: other.admin.id, action: "organization.renamed", sequence: 1 },
      // Another organization's actions never reach this one's filter, whether they sort before, between or after.
      { organizationId: other.organization.id, actorId: other.admin.id, action: "apiKey.created", sequence: 2 },
      { organizationId: other.organization.id, actorId: other.admin.id, action: "plan.changed", sequence: 3 },
      { organizationId: other.organization.id, actorId: other.admin.id, action: "sso.updated", sequence: 4 },
    ]);
    const actor = await viewerOf(database.db, admin.id);
    const first = await listAuditEvents(database.db, actor, {});
    if (!first.ok) throw new Error(first.error);
    expect(first.total).toBe(30);
    expect(first.pageCount).toBe(2);
    expect(first.entries).toHaveLength(auditPageSize);
    expect(first.entries[0]!.data).toEqual({ index: 29 });
    expect(first.actions).toEqual(["organization.renamed", "profile.updated"]);
    const second = await listAuditEvents(database.db, actor, { page: 2 });
    expect(second.ok && second.entries.map((entry) => entry.data.index)).toEqual([4, 3, 2, 1, 0]);
    const filtered = await listAuditEvents(database.db, actor, { action: "organization.renamed", actorId: member.id });
    expect(filtered.ok && filtered.entries.map((entry) => entry.data.index)).toEqual([27, 21, 15, 9, 3]);
    expect(filtered.ok && filtered.entries[0]!.actor).toMatchObject({ id: member.id, email: member.email });
  });

  it("keeps the actor as they were: renaming or removing the person rewrites no event", async () => {
    const { organization, admin, member } = await createCast(database.db);
    await recordAudit(database.db, { organizationId: organization.id, actorId: member.id, action: "profile.updated", context: { clientAddress: "203.0.113.7", userAgent: "Firefox on Linux" } });
    await recordAudit(database.db, { organizationId: organization.id, actorId: null, actor: { kind: "api_key", id: crypto.randomUUID(), name: "Nightly sync", email: null }, action: "organization.renamed" });
    await recordAudit(database.db, { organizationId: organization.id, actorId: null, action: "domain.recordMissing" });
    await database.db.delete(users).where(eq(users.id, member.id));
    const listed = await listAuditEvents(database.db, await viewerOf(database.db, admin.id), {});
    if (!listed.ok) throw new Error(listed.error);
    expect(listed.entries.map((entry) => entry.actor)).toEqual([
      null,
      expect.objectContaining({ kind: "api_key", name: "Nightly sync", email: null }),
      { kind: "person", id: member.id, name: member.name, email: member.email },
    ]);
    const [row] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, organization.id), eq(auditEvents.action, "profile.updated")));
    expect(row).toMatchObject({ clientAddress: "203.0.113.7", userAgent: "Firefox on Linux" });
  });

  it("a Member cannot read the audit log", async () => {
    const { member } = await createCast(database.db);
    expect(await listAuditEvents(database.db, await viewerOf(database.db, member.id))).toEqual({ ok: false, error: "forbidden" });
  });

  it("ignores malformed filters instead of failing", () => {
    expect(parseAuditFilter({ action: "'; drop table", member: "nope", page: "-3" })).toEqual({ page: 1 });
    expect(parseAuditFilter({ action: "member.removed", page: ["2", "9"] })).toEqual({ action: "member.removed", page: 2 });
  });
});

describe("audit action names", () => {
  it("every action of the AuditAction union has a name in both languages", () => {
    const source = readFileSync(path.join(process.cwd(), "lib/audit/record.ts"), "utf8");
    const union = source.slice(source.indexOf("export type AuditAction"), source.indexOf(";", source.indexOf("export type AuditAction")));
    const codes = [...union.matchAll(/"([a-zA-Z]+\.[a-zA-Z]+)"/g)].map((match) => match[1]!);
    expect(codes.length).toBeGreaterThan(10);
    for (const catalogue of [en, fr]) {
      const actions = catalogue.Audit.actions as Record<string, Record<string, string>>;
      const missing = codes.filter((code) => {
        const [group, name] = code.split(".") as [string, string];
        return typeof actions[group]?.[name] !== "string";
      });
      expect(missing).toEqual([]);
    }
  });
});
