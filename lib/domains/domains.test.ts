import { eq } from "drizzle-orm";
import { auditEvents, organizationDomains } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { dnsServerForThisFile } from "@/tests/support/dns-server";
import { createCast, createOrganization, createUser, viewerOf } from "@/tests/support/factories";
import { verificationRecordName, verificationRecordValue } from "./dns";
import { addDomain, listDomains, removeDomain, setJoinMode, verifyDomain } from "./domains";
import type { Viewer } from "@/lib/core/actor";

const database = testDatabaseForThisFile();
const dns = dnsServerForThisFile();
let sequence = 0;

const uniqueDomain = () => `corp${++sequence}-${Date.now().toString(36)}.example`;

async function adminOf(plan: "free" | "team" | "enterprise" = "team") {
  const cast = await createCast(database.db, plan);
  return { ...cast, viewer: await viewerOf(database.db, cast.admin.id) };
}

async function added(viewer: Viewer, domain: string) {
  const result = await addDomain(database.db, viewer, { domain });
  if (!result.ok) throw new Error(result.error);
  return result.domain;
}

async function domainRows(organizationId: string) {
  return database.db.select().from(organizationDomains).where(eq(organizationDomains.organizationId, organizationId));
}

describe("adding a domain", () => {
  it("an Admin adds a domain, normalized, pending, with its own token", async () => {
    const { viewer, organization } = await adminOf();
    const result = await addDomain(database.db, viewer, { domain: "  @Acme-Widgets.EXAMPLE. " });
    expect(result).toMatchObject({ ok: true, domain: { domain: "acme-widgets.example", status: "pending", joinMode: "off" } });
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, organization.id));
    expect(event).toMatchObject({ action: "domain.added", target: "acme-widgets.example", actorId: viewer.id });
  });

  it("refuses consumer mail domains and their subdomains", async () => {
    const { viewer, organization } = await adminOf();
    for (const domain of ["gmail.com", "Outlook.com", "mail.yahoo.fr"]) {
      expect(await addDomain(database.db, viewer, { domain })).toEqual({ ok: false, error: "consumerDomain", fields: { domain: ["consumerDomain"] } });
    }
    expect(await domainRows(organization.id)).toHaveLength(0);
  });

  it("refuses what is not a domain name", async () => {
    const { viewer } = await adminOf();
    for (const domain of ["", "localhost", "exa mple.com", "-bad.example", "a@b@c", "x".repeat(300) + ".com"]) {
      expect(await addDomain(database.db, viewer, { domain })).toMatchObject({ ok: false, error: "validation" });
    }
  });

  it("refuses the same domain twice in one organization", async () => {
    const { viewer } = await adminOf();
    const domain = uniqueDomain();
    await added(viewer, domain);
    expect(await addDomain(database.db, viewer, { domain })).toMatchObject({ ok: false, error: "alreadyAdded" });
  });

  it("only an Admin may add a domain: Billing-only, Member, signed out change nothing", async () => {
    const { billing, member, organization } = await adminOf();
    for (const actor of [await viewerOf(database.db, billing.id), await viewerOf(database.db, member.id), null]) {
      expect(await addDomain(database.db, actor, { domain: uniqueDomain() })).toEqual({ ok: false, error: "forbidden" });
      expect(await listDomains(database.db, actor)).toBeNull();
    }
    expect(await domainRows(organization.id)).toHaveLength(0);
  });

  it("an Admin on the Free plan may still verify domains (joining and SSO are what the plan gates)", async () => {
    const { viewer } = await adminOf("free");
    expect(await addDomain(database.db, viewer, { domain: uniqueDomain() })).toMatchObject({ ok: true });
  });
});

describe("verifying a domain against a DNS server on loopback", () => {
  it("finds the exact TXT record and marks the domain verified", async () => {
    const { viewer, organization } = await adminOf();
    const domain = await added(viewer, uniqueDomain());
    dns.setTxt(verificationRecordName(domain.domain), ["v=spf1 -all", verificationRecordValue(domain.verificationToken)]);
    const result = await verifyDomain(database.db, viewer, { domainId: domain.id }, dns.lookup);
    expect(result).toMatchObject({ ok: true, check: { outcome: "verified" }, domain: { status: "verified" } });
    const [row] = await domainRows(organization.id);
    expect(row?.verifiedAt).toBeInstanceOf(Date);
    expect(row?.lastCheckedAt).toBeInstanceOf(Date);
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, organization.id));
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(["domain.added", "domain.verified"]));
  });

  it("says when no record exists", async () => {
    const { viewer } = await adminOf();
    const domain = await added(viewer, uniqueDomain());
    const result = await verifyDomain(database.db, viewer, { domainId: domain.id }, dns.lookup);
    expect(result).toMatchObject({ ok: true, check: { outcome: "notFound" }, domain: { status: "pending", lastCheckResult: "notFound" } });
  });

  it("says which values it found when the record holds the wrong value", async () => {
    const { viewer } = await adminOf();
    const domain = await added(viewer, uniqueDomain());
    dns.setTxt(verificationRecordName(domain.domain), ["org-console-verification=not-the-token"]);
    const result = await verifyDomain(database.db, viewer, { domainId: domain.id }, dns.lookup);
    expect(result).toMatchObject({ ok: true, check: { outcome: "wrongValue", found: ["org-console-verification=not-the-token"] }, domain: { status: "pending" } });
  });

  it("says when the DNS server does not answer properly, without changing the status", async () => {
    const { viewer } = await adminOf();
    const domain = await added(viewer, uniqueDomain());
    dns.setTxt(verificationRecordName(domain.domain), "servfail");
    const result = await verifyDomain(database.db, viewer, { domainId: domain.id }, dns.lookup);
    expect(result).toMatchObject({ ok: true, check: { outcome: "lookupFailed" }, domain: { status: "pending" } });
  });

  it("refuses a domain another organization has verified, even with the right record", async () => {
    const first = await adminOf();
    const second = await adminOf();
    const name = uniqueDomain();
    const theirs = await added(first.viewer, name);
    const ours = await added(second.viewer, name);
    dns.setTxt(verificationRecordName(name), [verificationRecordValue(theirs.verificationToken), verificationRecordValue(ours.verificationToken)]);
    expect(await verifyDomain(database.db, first.viewer, { domainId: theirs.id }, dns.lookup)).toMatchObject({ check: { outcome: "verified" } });
    expect(await verifyDomain(database.db, second.viewer, { domainId: ours.id }, dns.lookup)).toMatchObject({ ok: true, check: { outcome: "takenByAnotherOrganization" } });
    expect((await domainRows(second.organization.id))[0]?.status).toBe("pending");
    // Adding it afresh elsewhere is refused up front.
    const third = await adminOf();
    expect(await addDomain(database.db, third.viewer, { domain: name })).toMatchObject({ ok: false, error: "takenByAnotherOrganization" });
  });

  it("never verifies or removes another organization's domain", async () => {
    const owner = await adminOf();
    const stranger = await adminOf();
    const domain = await added(owner.viewer, uniqueDomain());
    dns.setTxt(verificationRecordName(domain.domain), [verificationRecordValue(domain.verificationToken)]);
    expect(await verifyDomain(database.db, stranger.viewer, { domainId: domain.id }, dns.lookup)).toEqual({ ok: false, error: "notFound" });
    expect(await removeDomain(database.db, stranger.viewer, { domainId: domain.id })).toEqual({ ok: false, error: "notFound" });
    expect(await setJoinMode(database.db, stranger.viewer, { domainId: domain.id, joinMode: "auto" })).toEqual({ ok: false, error: "notFound" });
    expect((await domainRows(owner.organization.id))[0]).toMatchObject({ status: "pending", joinMode: "off" });
  });

  it("a Member cannot verify a domain", async () => {
    const { viewer, member } = await adminOf();
    const domain = await added(viewer, uniqueDomain());
    expect(await verifyDomain(database.db, await viewerOf(database.db, member.id), { domainId: domain.id }, dns.lookup)).toEqual({ ok: false, error: "forbidden" });
    expect(await verifyDomain(database.db, null, { domainId: "not-an-id" }, dns.lookup)).toEqual({ ok: false, error: "forbidden" });
  });
});

describe("join mode and removal", () => {
  async function verified(plan: "free" | "team" | "enterprise" = "team") {
    const cast = await adminOf(plan);
    const domain = await added(cast.viewer, uniqueDomain());
    dns.setTxt(verificationRecordName(domain.domain), [verificationRecordValue(domain.verificationToken)]);
    await verifyDomain(database.db, cast.viewer, { domainId: domain.id }, dns.lookup);
    return { ...cast, domain };
  }

  it("an Admin on Team sets the join mode of a verified domain", async () => {
    const { viewer, domain } = await verified();
    expect(await setJoinMode(database.db, viewer, { domainId: domain.id, joinMode: "approval" })).toMatchObject({ ok: true, domain: { joinMode: "approval" } });
  });

  it("the join mode needs a verified domain and a valid mode", async () => {
    const { viewer } = await adminOf();
    const domain = await added(viewer, uniqueDomain());
    expect(await setJoinMode(database.db, viewer, { domainId: domain.id, joinMode: "auto" })).toEqual({ ok: false, error: "notVerified" });
    expect(await setJoinMode(database.db, viewer, { domainId: domain.id, joinMode: "everyone" })).toMatchObject({ ok: false, error: "validation" });
  });

  it("below Team the join mode is refused because of the plan", async () => {
    const { viewer, domain, organization } = await verified("free");
    expect(await setJoinMode(database.db, viewer, { domainId: domain.id, joinMode: "auto" })).toEqual({ ok: false, error: "planRequired" });
    expect((await domainRows(organization.id))[0]?.joinMode).toBe("off");
  });

  it("removing a verified domain frees it for another organization", async () => {
    const { viewer, domain, organization } = await verified();
    expect(await removeDomain(database.db, viewer, { domainId: domain.id })).toEqual({ ok: true, domain: domain.domain });
    expect(await domainRows(organization.id)).toHaveLength(0);
    const other = await createOrganization(database.db);
    const otherAdmin = await viewerOf(database.db, (await createUser(database.db, other.id, { role: "admin" })).id);
    expect(await addDomain(database.db, otherAdmin, { domain: domain.domain })).toMatchObject({ ok: true });
  });
});
