import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { auditEvents, organizationDomains } from "@/db/schema";
import { openTestDatabase } from "@/tests/support/db";
import { createCast, createUser } from "@/tests/support/factories";
import { verificationRecordName, verificationRecordValue, type TxtAnswer } from "./dns";
import { verifiedElsewhere } from "./domains";
import { recheckDomains } from "./rechecks";

let database: Database;
let outbox: string;
beforeAll(async () => {
  database = await openTestDatabase();
  outbox = mkdtempSync(path.join(tmpdir(), "rechecks-outbox-"));
  process.env.MAIL_OUTBOX_DIR = outbox;
});
afterAll(async () => {
  delete process.env.MAIL_OUTBOX_DIR;
  rmSync(outbox, { recursive: true, force: true });
  await database.close();
});

const day = 24 * 60 * 60 * 1000;
const answers = new Map<string, TxtAnswer>();
const lookup = async (name: string): Promise<TxtAnswer> => answers.get(name) ?? { status: "notFound" };

type OutboxMail = { to: string; subject: string; text: string };
function mailsTo(address: string): OutboxMail[] {
  return readdirSync(outbox)
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(outbox, name), "utf8")) as OutboxMail)
    .filter((mail) => mail.to === address);
}

async function verifiedDomain(name: string) {
  const cast = await createCast(database.db, "enterprise");
  const french = await createUser(database.db, cast.organization.id, { role: "admin", locale: "fr" });
  const [domain] = await database.db
    .insert(organizationDomains)
    .values({ organizationId: cast.organization.id, domain: name, verificationToken: "token123", status: "verified", verifiedAt: new Date(), joinMode: "auto", ssoRequired: true })
    .returning();
  return { ...cast, french, domain: domain! };
}

const domainRow = async (id: string) => (await database.db.select().from(organizationDomains).where(eq(organizationDomains.id, id)))[0]!;

describe("daily re-checks of verified domains", () => {
  it("a record gone for the configured number of daily checks: Admins warned first, in their language, then the domain is released", async () => {
    const { organization, admin, french, member, domain } = await verifiedDomain("gone.example");
    const start = new Date("2031-06-01T00:00:10Z");

    await recheckDomains(database.db, { lookup, now: start, releaseAfter: 3 });
    expect(await domainRow(domain.id)).toMatchObject({ status: "failing", failedChecks: 1 });
    const [english] = mailsTo(admin.email);
    expect(english?.subject).toBe("Action needed: the verification record of gone.example is missing");
    expect(english?.text).toMatch(/after 3 daily checks in a row \(around June 3, 2031\)/);
    const [inFrench] = mailsTo(french.email);
    expect(inFrench?.subject).toBe("Action requise\u00a0: l’enregistrement de vérification de gone.example a disparu");
    expect(inFrench?.text).toMatch(/vers le 3 juin 2031/);
    expect(mailsTo(member.email)).toHaveLength(0);

    // The next round, a little earlier in the day, still checks it; a failed lookup counts for nothing.
    await recheckDomains(database.db, { lookup, now: new Date(start.getTime() + day - 5000), releaseAfter: 3 });
    answers.set(verificationRecordName("gone.example"), { status: "failed", code: "ETIMEOUT" });
    await recheckDomains(database.db, { lookup, now: new Date(start.getTime() + 2 * day), releaseAfter: 3 });
    expect(await domainRow(domain.id)).toMatchObject({ status: "failing", failedChecks: 2 });
    expect(mailsTo(admin.email)).toHaveLength(1);

    answers.delete(verificationRecordName("gone.example"));
    const result = await recheckDomains(database.db, { lookup, now: new Date(start.getTime() + 3 * day), releaseAfter: 3 });
    expect(result).toMatchObject({ released: 1 });
    expect(await domainRow(domain.id)).toMatchObject({ status: "pending", failedChecks: 0, verifiedAt: null, joinMode: "off", ssoRequired: false });
    expect(mailsTo(admin.email).map((mail) => mail.subject)).toEqual([
      "Action needed: the verification record of gone.example is missing",
      `gone.example no longer belongs to ${organization.name}`,
    ]);
    expect(mailsTo(french.email)[1]?.subject).toBe(`gone.example n’appartient plus à ${organization.name}`);
    const audit = await database.db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.organizationId, organization.id), eq(auditEvents.target, "gone.example")));
    expect(audit.map((event) => event.action).sort()).toEqual(["domain.recordMissing", "domain.released"]);
    // Released: another organization may now verify it.
    expect(await verifiedElsewhere(database.db, "gone.example", "00000000-0000-4000-8000-000000000000")).toBe(false);
  });

  it("a record back before the limit makes the domain verified again and starts the count over", async () => {
    const { domain } = await verifiedDomain("flaky.example");
    const start = new Date("2031-07-01T00:00:10Z");
    await recheckDomains(database.db, { lookup, now: start, releaseAfter: 2 });
    expect(await domainRow(domain.id)).toMatchObject({ status: "failing", failedChecks: 1 });
    answers.set(verificationRecordName("flaky.example"), { status: "found", values: [verificationRecordValue("token123")] });
    await recheckDomains(database.db, { lookup, now: new Date(start.getTime() + day), releaseAfter: 2 });
    expect(await domainRow(domain.id)).toMatchObject({ status: "verified", failedChecks: 0 });
    answers.delete(verificationRecordName("flaky.example"));
    await recheckDomains(database.db, { lookup, now: new Date(start.getTime() + 2 * day), releaseAfter: 2 });
    expect(await domainRow(domain.id)).toMatchObject({ status: "failing", failedChecks: 1 });
  });

  it("the limit comes from DOMAIN_RELEASE_AFTER_FAILED_CHECKS, 7 by default", async () => {
    const { releaseAfterFailedChecks } = await import("./rechecks");
    expect(releaseAfterFailedChecks()).toBe(7);
    process.env.DOMAIN_RELEASE_AFTER_FAILED_CHECKS = "2";
    expect(releaseAfterFailedChecks()).toBe(2);
    process.env.DOMAIN_RELEASE_AFTER_FAILED_CHECKS = "nonsense";
    expect(releaseAfterFailedChecks()).toBe(7);
    delete process.env.DOMAIN_RELEASE_AFTER_FAILED_CHECKS;
  });
});
