import { and, eq, inArray, isNull, lte, or } from "drizzle-orm";
import { organizationDomains, organizations, users, type OrganizationDomain } from "@/db/schema";
import type { Db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { composeMail, sendMail } from "@/lib/mail/mailer";
import { claimedStatuses, checkRecord } from "./domains";
import { createTxtLookup, verificationRecordName, type TxtLookup } from "./dns";

const dayMs = 24 * 60 * 60 * 1000;

/** Daily re-checks in a row without the record before a domain is released (DOMAIN_RELEASE_AFTER_FAILED_CHECKS, default 7). */
export function releaseAfterFailedChecks(): number {
  const configured = Number(process.env.DOMAIN_RELEASE_AFTER_FAILED_CHECKS ?? 7);
  return Number.isInteger(configured) && configured >= 1 ? configured : 7;
}

export type RecheckOptions = {
  lookup?: TxtLookup;
  now?: Date;
  /** A domain checked more recently than this is skipped; under a day, so a daily round that starts a little earlier still checks it. */
  minIntervalMs?: number;
  releaseAfter?: number;
};

type Notice = { template: "domainRecordMissing" | "domainReleased"; domain: OrganizationDomain; failedChecks: number };

/**
 * Re-checks verified (and failing) domains, as the daily maintenance round does. A vanished
 * record turns the domain "failing" (nothing stops working yet) and warns its Admins by email;
 * after `releaseAfter` failed re-checks in a row the domain is released: back to pending, no
 * longer claimed, SSO-required and join mode off. A record back turns it verified again. A DNS
 * lookup that fails (not an answer without the record) counts for nothing.
 */
export async function recheckDomains(db: Db, options: RecheckOptions = {}): Promise<{ checked: number; failing: number; released: number }> {
  const now = options.now ?? new Date();
  const lookup = options.lookup ?? createTxtLookup();
  const releaseAfter = options.releaseAfter ?? releaseAfterFailedChecks();
  const due = new Date(now.getTime() - (options.minIntervalMs ?? 20 * 60 * 60 * 1000));
  const totals = { checked: 0, failing: 0, released: 0 };
  const notices: Notice[] = [];
  while (true) {
    const rows = await db
      .select()
      .from(organizationDomains)
      .where(and(inArray(organizationDomains.status, [...claimedStatuses]), or(isNull(organizationDomains.lastCheckedAt), lte(organizationDomains.lastCheckedAt, due))))
      .limit(100);
    if (rows.length === 0) break;
    for (const row of rows) {
      totals.checked += 1;
      const check = checkRecord(await lookup(verificationRecordName(row.domain)), row.verificationToken);
      if (check.outcome === "lookupFailed") {
        await db.update(organizationDomains).set({ lastCheckedAt: now, lastCheckResult: check.outcome }).where(eq(organizationDomains.id, row.id));
        continue;
      }
      if (check.outcome === "verified") {
        await db.update(organizationDomains).set({ status: "verified", failedChecks: 0, lastCheckedAt: now, lastCheckResult: check.outcome }).where(eq(organizationDomains.id, row.id));
        continue;
      }
      const failedChecks = row.failedChecks + 1;
      const release = failedChecks >= releaseAfter;
      await db.transaction(async (tx) => {
        if (release) {
          await tx
            .update(organizationDomains)
            .set({ status: "pending", verifiedAt: null, failedChecks: 0, joinMode: "off", ssoRequired: false, lastCheckedAt: now, lastCheckResult: check.outcome })
            .where(eq(organizationDomains.id, row.id));
          await recordAudit(tx, { organizationId: row.organizationId, actorId: null, action: "domain.released", target: row.domain, data: { failedChecks } });
          return;
        }
        await tx.update(organizationDomains).set({ status: "failing", failedChecks, lastCheckedAt: now, lastCheckResult: check.outcome }).where(eq(organizationDomains.id, row.id));
        if (row.status === "verified") {
          await recordAudit(tx, { organizationId: row.organizationId, actorId: null, action: "domain.recordMissing", target: row.domain, data: { releaseAfter } });
        }
      });
      if (release) {
        totals.released += 1;
        notices.push({ template: "domainReleased", domain: row, failedChecks });
      } else {
        totals.failing += 1;
        if (row.status === "verified") notices.push({ template: "domainRecordMissing", domain: row, failedChecks });
      }
    }
  }
  // Mail goes after the writes: a slow mail server never holds a transaction.
  for (const notice of notices) await warnAdmins(db, notice, { now, releaseAfter });
  return totals;
}

/** Emails every Admin of the domain's organization, each in their saved language. */
async function warnAdmins(db: Db, notice: Notice, context: { now: Date; releaseAfter: number }) {
  const admins = await db
    .select({ email: users.email, name: users.name, locale: users.locale, organization: organizations.name })
    .from(users)
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(and(eq(users.organizationId, notice.domain.organizationId), eq(users.role, "admin"), eq(organizations.status, "active")));
  // The last re-check falls (releaseAfter - failedChecks) days from this one.
  const releaseDate = new Date(context.now.getTime() + (context.releaseAfter - notice.failedChecks) * dayMs);
  for (const admin of admins) {
    const date = new Intl.DateTimeFormat(admin.locale, { dateStyle: "long", timeZone: "UTC" }).format(releaseDate);
    await sendMail(
      composeMail(admin.email, admin.locale, notice.template, {
        name: admin.name,
        organization: admin.organization,
        domain: notice.domain.domain,
        record: verificationRecordName(notice.domain.domain),
        checks: String(context.releaseAfter),
        date,
      }),
    );
  }
}
