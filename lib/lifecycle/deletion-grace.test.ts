import { readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { organizations } from "@/db/schema";
import { queryRows } from "@/lib/core/db";
import { authenticate } from "@/lib/auth/accounts";
import { loadSessionUser } from "@/lib/auth/session-user";
import { defaultWorkerOptions, drainJobs } from "@/lib/jobs/worker";
import { requestOrganizationDeletion } from "@/lib/organizations/organizations";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, createChats, signedInViewer, testPassword } from "@/tests/support/factories";
import { describeRestoreLink, restoreOrganization, startDueDeletions } from "./deletion-grace";

const database = testDatabaseForThisFile();
const outbox = path.join(os.tmpdir(), `lifecycle-grace-outbox-${process.pid}`);
const options = { ...defaultWorkerOptions, batchSize: 3, batchTargetMs: 0 };

beforeAll(() => {
  process.env.MAIL_OUTBOX_DIR = outbox;
});
afterAll(async () => {
  delete process.env.MAIL_OUTBOX_DIR;
  await rm(outbox, { recursive: true, force: true });
});

async function mailsTo(email: string): Promise<{ subject: string; text: string; link?: string }[]> {
  const names = await readdir(outbox).catch(() => [] as string[]);
  const mails = await Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(outbox, name), "utf8"))));
  return mails.filter((mail) => mail.to === email);
}

async function counts(organizationId: string) {
  const [row] = await queryRows<Record<string, number>>(
    database.db,
    sql`select (select count(*)::int from users where organization_id = ${organizationId}) as users,
      (select count(*)::int from chats where organization_id = ${organizationId}) as chats`,
  );
  return row!;
}

describe("deletion grace period", () => {
  it("with no grace period, deletion starts at once and every member is told when it is done", async () => {
    const cast = await createCast(database.db);
    await createChats(database.db, cast.organization.id, cast.member.id, 3, 2);
    const admin = await signedInViewer(database.db, cast.admin.id);
    const result = await requestOrganizationDeletion(database.db, admin, { confirmation: cast.organization.name, password: testPassword }, { graceDays: 0 });
    expect(result).toMatchObject({ ok: true, scheduledFor: null, job: { kind: "delete_organization" } });
    expect((await mailsTo(cast.admin.email)).map((mail) => mail.subject)).toEqual([expect.stringContaining("asked to delete")]);
    await drainJobs(database.db, options);
    for (const person of [cast.admin, cast.billing, cast.member]) {
      expect((await mailsTo(person.email)).some((mail) => mail.subject.includes("has been deleted") && mail.text.includes("3 chats"))).toBe(true);
    }
  });

  it("with a grace period the organization is locked at once, restored by an Admin's emailed link, intact, and the link works once", async () => {
    const cast = await createCast(database.db);
    await createChats(database.db, cast.organization.id, cast.member.id, 4, 2);
    const admin = await signedInViewer(database.db, cast.admin.id);
    const member = await signedInViewer(database.db, cast.member.id);
    const before = await counts(cast.organization.id);
    const result = await requestOrganizationDeletion(database.db, admin, { confirmation: cast.organization.name, password: testPassword }, { graceDays: 7, origin: "https://console.example" });
    expect(result).toMatchObject({ ok: true, job: null, scheduledFor: expect.any(Date) });
    const [organization] = await database.db.select().from(organizations).where(eq(organizations.id, cast.organization.id));
    expect(organization!.status).toBe("scheduled_deletion");
    // Locked: sessions ended, sign-in refused with its own reason.
    expect(await loadSessionUser(database.db, member.sessionId)).toEqual({ status: "gone", reason: "organizationScheduledForDeletion" });
    expect(await authenticate(database.db, { email: cast.member.email, password: testPassword })).toEqual({ ok: false, error: "organizationScheduledForDeletion" });
    // The daily round before the end of the period starts nothing.
    expect(await startDueDeletions(database.db)).toBe(0);
    const [mail] = await mailsTo(cast.admin.email);
    expect(mail!.link).toMatch(/^https:\/\/console\.example\/en\/restore-organization\?token=/);
    expect(await mailsTo(cast.member.email)).toEqual([]);
    const token = new URL(mail!.link!).searchParams.get("token");
    expect(await describeRestoreLink(database.db, token)).toMatchObject({ ok: true, organizationName: cast.organization.name });
    expect(await restoreOrganization(database.db, { token })).toEqual({ ok: true, organizationName: cast.organization.name });
    expect(await restoreOrganization(database.db, { token })).toEqual({ ok: false, error: "used" });
    expect(await restoreOrganization(database.db, { token: "forged" })).toEqual({ ok: false, error: "unknown" });
    expect(await counts(cast.organization.id)).toEqual(before);
    expect(await authenticate(database.db, { email: cast.member.email, password: testPassword })).toMatchObject({ ok: true });
  });

  it("when the period ends, the daily round starts the deletion and the restore link no longer works", async () => {
    const cast = await createCast(database.db);
    const admin = await signedInViewer(database.db, cast.admin.id);
    await requestOrganizationDeletion(database.db, admin, { confirmation: cast.organization.name, password: testPassword }, { graceDays: 2, origin: "https://console.example" });
    const [mail] = await mailsTo(cast.admin.email);
    const token = new URL(mail!.link!).searchParams.get("token");
    expect(await startDueDeletions(database.db, new Date(Date.now() + 3 * 86_400_000))).toBe(1);
    expect(await restoreOrganization(database.db, { token }, new Date(Date.now() + 3 * 86_400_000))).toEqual({ ok: false, error: "expired" });
    await drainJobs(database.db, options);
    expect(await database.db.select().from(organizations).where(eq(organizations.id, cast.organization.id))).toEqual([]);
  });
});
