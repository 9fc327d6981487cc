import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { auditEvents, invitations, organizationExports, users } from "@/db/schema";
import { defaultWorkerOptions, drainJobs } from "@/lib/jobs/worker";
import { exportDirectory, exportFilePath } from "@/lib/jobs/export";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { unzip } from "@/tests/support/zip";
import { createCast, createChats, viewerOf } from "@/tests/support/factories";
import { deleteExpiredExports, getExportStatus, getLatestExport, openExportDownload, requestExport } from "./exports";

const database = testDatabaseForThisFile();
const options = { ...defaultWorkerOptions, batchSize: 3, batchTargetMs: 0 };

afterAll(() => rm(exportDirectory(), { recursive: true, force: true }));

const parseLines = (text: string) => text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

async function setting() {
  const tokenHash = randomBytes(32).toString("hex");
  const cast = await createCast(database.db, "team");
  await createChats(database.db, cast.organization.id, cast.member.id, 7, 3);
  await createChats(database.db, cast.organization.id, cast.admin.id, 2, 0);
  await database.db.insert(invitations).values({ organizationId: cast.organization.id, email: "guest@example.com", tokenHash, invitedBy: cast.admin.id, expiresAt: new Date(Date.now() + 86_400_000) });
  const other = await createCast(database.db, "team");
  await createChats(database.db, other.organization.id, other.member.id, 4, 2);
  return { cast, other, tokenHash, admin: await viewerOf(database.db, cast.admin.id) };
}

describe("organization export", () => {
  it("only an Admin of the organization may export, on every plan", async () => {
    const { cast } = await setting();
    for (const id of [cast.billing.id, cast.member.id]) {
      expect(await requestExport(database.db, await viewerOf(database.db, id))).toEqual({ ok: false, error: "forbidden" });
    }
    expect(await requestExport(database.db, null)).toEqual({ ok: false, error: "forbidden" });
    for (const plan of ["free", "pro", "team", "enterprise"] as const) {
      const small = await createCast(database.db, plan);
      expect(await requestExport(database.db, await viewerOf(database.db, small.admin.id))).toMatchObject({ ok: true, created: true });
    }
    await drainJobs(database.db, options);
  });

  it("the archive's files parse line by line, hold every row of the organization and none of another, and no hash or secret", async () => {
    const { cast, other, tokenHash, admin } = await setting();
    const started = await requestExport(database.db, admin);
    if (!started.ok) throw new Error(started.error);
    // The request answers at once; the worker counts the rows while it writes them.
    expect(started.export).toMatchObject({ state: "queued", rows: 0, totalRows: null });
    await drainJobs(database.db, options);
    const status = await getExportStatus(database.db, admin, { id: started.export.id });
    expect(status).toMatchObject({ ok: true, export: { state: "done", ready: { fileName: expect.stringMatching(/\.zip$/) } } });
    // 9 chats, 21 messages and 3 members: the total the progress bar aimed at once counted.
    expect(status.ok && status.export.totalRows).toBe(9 + 21 + 3);
    const raw = await readFile(exportFilePath(started.export.id));
    const files = await unzip(exportFilePath(started.export.id));
    expect(Object.keys(files).sort()).toEqual(["README.txt", "audit-events.ndjson", "chats.ndjson", "invitations.ndjson", "members.ndjson", "messages.ndjson", "organization.ndjson"]);
    expect(parseLines(files["organization.ndjson"]!)).toEqual([expect.objectContaining({ id: cast.organization.id, name: cast.organization.name })]);
    const members = parseLines(files["members.ndjson"]!);
    expect(members.map((row) => row.id).sort()).toEqual([cast.admin.id, cast.billing.id, cast.member.id].sort());
    const chats = parseLines(files["chats.ndjson"]!);
    expect(chats).toHaveLength(9);
    const messages = parseLines(files["messages.ndjson"]!);
    expect(messages).toHaveLength(21);
    const chatIds = new Set(chats.map((row) => row.id));
    expect(messages.every((row) => chatIds.has(row.chatId))).toBe(true);
    expect(parseLines(files["invitations.ndjson"]!)).toEqual([expect.objectContaining({ email: "guest@example.com" })]);
    const audit = parseLines(files["audit-events.ndjson"]!);
    expect(audit.some((row) => row.action === "organization.exportRequested")).toBe(true);
    // Nothing of the other organization, and no password hash, token hash or secret anywhere.
    const everything = Object.values(files).join("\n");
    for (const id of [other.organization.id, other.admin.id, other.member.id]) expect(everything).not.toContain(id);
    const [hash] = await database.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, cast.admin.id));
    for (const secret of [hash!.passwordHash, tokenHash, "passwordHash", "password_hash", "tokenHash", "token_hash", "scrypt"]) {
      expect(everything).not.toContain(secret);
      expect(raw.includes(Buffer.from(secret))).toBe(false);
    }
    expect(files["README.txt"]).toContain("members.ndjson");
  });

  it("is downloadable by the Admin who started it only, audited, and deleted by the daily round after 24 hours", async () => {
    const { cast, admin } = await setting();
    const started = await requestExport(database.db, admin);
    if (!started.ok) throw new Error(started.error);
    await drainJobs(database.db, options);
    const secondAdmin = await viewerOf(database.db, cast.admin.id);
    const download = await openExportDownload(database.db, secondAdmin, { id: started.export.id });
    if (!download.ok) throw new Error(download.error);
    download.stream.destroy();
    expect(download.fileName).toMatch(/^org-console-export-/);
    expect((await database.db.select().from(auditEvents).where(eq(auditEvents.action, "organization.exportDownloaded"))).length).toBeGreaterThan(0);
    // Another Admin of the same organization, a Member, another organization's Admin: not theirs.
    const { createUser } = await import("@/tests/support/factories");
    const otherAdminHere = await createUser(database.db, cast.organization.id, { role: "admin" });
    for (const actor of [await viewerOf(database.db, otherAdminHere.id), await viewerOf(database.db, cast.member.id)]) {
      expect(await openExportDownload(database.db, actor, { id: started.export.id })).toMatchObject({ ok: false });
    }
    expect(await openExportDownload(database.db, admin, { id: "not-a-uuid" })).toEqual({ ok: false, error: "notFound" });
    const later = new Date(Date.now() + 25 * 60 * 60 * 1000);
    expect(await openExportDownload(database.db, admin, { id: started.export.id }, later)).toEqual({ ok: false, error: "expired" });
    expect(await deleteExpiredExports(database.db, later)).toBeGreaterThan(0);
    expect(await database.db.select().from(organizationExports).where(eq(organizationExports.jobId, started.export.id))).toHaveLength(0);
    await expect(readFile(exportFilePath(started.export.id))).rejects.toThrow();
  });

  it("the Organization page shows the Admin their own latest export: queued, then ready with its file, then gone when expired", async () => {
    const { cast, other, admin } = await setting();
    expect(await getLatestExport(database.db, admin)).toBeNull();
    const started = await requestExport(database.db, admin);
    if (!started.ok) throw new Error(started.error);
    expect(await getLatestExport(database.db, admin)).toMatchObject({ id: started.export.id, state: "queued", ready: null });
    await drainJobs(database.db, options);
    expect(await getLatestExport(database.db, admin)).toMatchObject({ id: started.export.id, state: "done", ready: { fileName: expect.stringMatching(/\.zip$/) } });
    // Not another Admin's, not a Member's, not another organization's Admin's; none a day later.
    const { createUser } = await import("@/tests/support/factories");
    const otherAdminHere = await createUser(database.db, cast.organization.id, { role: "admin" });
    for (const id of [otherAdminHere.id, cast.member.id, other.admin.id]) expect(await getLatestExport(database.db, await viewerOf(database.db, id))).toBeNull();
    expect(await getLatestExport(database.db, admin, new Date(Date.now() + 25 * 60 * 60 * 1000))).toBeNull();
  });
});
