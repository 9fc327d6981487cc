import { eq } from "drizzle-orm";
import { auditEvents, invitations, organizationDomains, users } from "@/db/schema";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, createUser, viewerOf } from "@/tests/support/factories";
import { hashToken } from "@/lib/core/tokens";
import { acceptInvitation, createInvitation, invitationLifetimeMs, listPendingInvitations, lookupInvitation, revokeInvitation } from "./invitations";
import { invitationEmail } from "@/lib/mail/mailer";

const database = testDatabaseForThisFile();

async function invite(email: string, plan: "team" | "enterprise" = "team", extra: Record<string, unknown> = {}) {
  const cast = await createCast(database.db, plan);
  const actor = await viewerOf(database.db, cast.admin.id);
  const result = await createInvitation(database.db, actor, { email, role: "member", ...extra });
  if (!result.ok) throw new Error(result.error);
  return { ...cast, actor, token: result.token, invitation: result.invitation };
}

describe("invitations", () => {
  it("an Admin cannot invite an address at a domain another organization verified (even while its record fails); a pending claim does not count", async () => {
    const other = await createCast(database.db, "enterprise");
    await database.db.insert(organizationDomains).values([
      { organizationId: other.organization.id, domain: "claimed.example", verificationToken: "t", status: "verified", verifiedAt: new Date() },
      { organizationId: other.organization.id, domain: "failing.example", verificationToken: "t", status: "failing", verifiedAt: new Date() },
      { organizationId: other.organization.id, domain: "pending.example", verificationToken: "t", status: "pending" },
    ]);
    const cast = await createCast(database.db, "team");
    const actor = await viewerOf(database.db, cast.admin.id);
    for (const email of ["Someone@Claimed.example", "someone@failing.example"]) {
      expect(await createInvitation(database.db, actor, { email })).toEqual({ ok: false, error: "emailDomainClaimed", fields: { email: ["emailDomainClaimed"] } });
    }
    expect(await database.db.select().from(invitations).where(eq(invitations.organizationId, cast.organization.id))).toHaveLength(0);
    expect(await createInvitation(database.db, actor, { email: "someone@pending.example" })).toMatchObject({ ok: true });
    // A link sent before another organization verified the domain can no longer be used.
    const pending = await createInvitation(database.db, actor, { email: "late@pending.example" });
    if (!pending.ok) throw new Error(pending.error);
    await database.db.update(organizationDomains).set({ status: "verified" }).where(eq(organizationDomains.domain, "pending.example"));
    expect(await acceptInvitation(database.db, { token: pending.token, name: "Late", password: "a-long-password" }, { locale: "en" })).toEqual({ ok: false, error: "invitationDomainClaimed" });
    expect(await database.db.select().from(users).where(eq(users.email, "late@pending.example"))).toHaveLength(0);
    // The organization that verified the domain invites its own people.
    expect(await createInvitation(database.db, await viewerOf(database.db, other.admin.id), { email: "colleague@claimed.example" })).toMatchObject({ ok: true });
  });

  it("stores only a SHA-256 of the token, and the link names the organization, the inviter and the role", async () => {
    const { token, organization, admin } = await invite("New.Person@Example.test", "team", { role: "admin", billing: "on" });
    const [row] = await database.db.select().from(invitations).where(eq(invitations.organizationId, organization.id));
    expect(row).toMatchObject({ email: "new.person@example.test", role: "admin", billing: true, tokenHash: hashToken(token) });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThan(invitationLifetimeMs - 60_000);
    expect(await lookupInvitation(database.db, token)).toMatchObject({ status: "valid", organizationName: organization.name, inviterName: admin.name, role: "admin", billing: true });
  });

  it("accepting creates the account with the invited role, once; the link cannot be reused", async () => {
    const { token, organization } = await invite("joiner@example.test", "team", { billing: "on" });
    const accepted = await acceptInvitation(database.db, { token, name: "Joiner", password: "a-long-password" }, { locale: "fr" });
    expect(accepted).toMatchObject({ ok: true, user: { email: "joiner@example.test", organizationId: organization.id } });
    const [user] = await database.db.select().from(users).where(eq(users.email, "joiner@example.test"));
    expect(user).toMatchObject({ role: "member", billing: true, locale: "fr", name: "Joiner" });
    expect(await lookupInvitation(database.db, token)).toEqual({ status: "used" });
    expect(await acceptInvitation(database.db, { token, name: "Again", password: "a-long-password" }, { locale: "en" })).toEqual({ ok: false, error: "invitationUnavailable" });
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, organization.id));
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(["invitation.created", "invitation.accepted", "member.joined"]));
  });

  it("two people opening the same link at once: one account is created, the other is told the link is used", async () => {
    const { token, organization } = await invite("both@example.test");
    const results = await Promise.all([
      acceptInvitation(database.db, { token, name: "First", password: "a-long-password" }, { locale: "en" }),
      acceptInvitation(database.db, { token, name: "Second", password: "a-long-password" }, { locale: "en" }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ ok: false });
    expect(await database.db.select().from(users).where(eq(users.organizationId, organization.id))).toHaveLength(4);
  });

  it("an expired link leads to the expired page and creates no account", async () => {
    const { token } = await invite("late@example.test");
    const later = new Date(Date.now() + invitationLifetimeMs + 1000);
    expect(await lookupInvitation(database.db, token, later)).toEqual({ status: "expired" });
    expect(await acceptInvitation(database.db, { token, name: "Late", password: "a-long-password" }, { locale: "en" }, later)).toEqual({ ok: false, error: "invitationUnavailable" });
    expect(await database.db.select().from(users).where(eq(users.email, "late@example.test"))).toHaveLength(0);
  });

  it("a revoked link no longer works, and leaves the pending list", async () => {
    const { token, invitation, actor } = await invite("revoked@example.test");
    expect(await revokeInvitation(database.db, actor, { invitationId: invitation.id })).toEqual({ ok: true, email: "revoked@example.test" });
    expect(await lookupInvitation(database.db, token)).toEqual({ status: "revoked" });
    const pending = await listPendingInvitations(database.db, actor);
    expect(pending.ok && pending.invitations).toEqual([]);
    expect(await revokeInvitation(database.db, actor, { invitationId: invitation.id })).toEqual({ ok: false, error: "notFound" });
  });

  it("an unknown or malformed token is an unknown link", async () => {
    for (const token of ["", "short", "x".repeat(43), "y".repeat(500)]) {
      expect(await lookupInvitation(database.db, token)).toEqual({ status: "unknown" });
    }
  });

  it("an invitation for an email that already has an account is refused clearly, whatever its case", async () => {
    const { organization, admin } = await createCast(database.db);
    await createUser(database.db, organization.id, { email: "taken@example.test" });
    const result = await createInvitation(database.db, await viewerOf(database.db, admin.id), { email: "TAKEN@example.test" });
    expect(result).toEqual({ ok: false, error: "emailHasAccount", fields: { email: ["emailHasAccount"] } });
    expect(await database.db.select().from(invitations).where(eq(invitations.organizationId, organization.id))).toHaveLength(0);
  });

  it("an account created meanwhile with the invited email makes the link unusable", async () => {
    const { token, organization } = await invite("race@example.test");
    await createUser(database.db, organization.id, { email: "race@example.test" });
    expect(await acceptInvitation(database.db, { token, name: "Race", password: "a-long-password" }, { locale: "en" })).toEqual({ ok: false, error: "emailHasAccount" });
  });

  it("inviting the same email again replaces the earlier link", async () => {
    const first = await invite("twice@example.test");
    const second = await createInvitation(database.db, first.actor, { email: "twice@example.test" });
    expect(second.ok).toBe(true);
    expect(await lookupInvitation(database.db, first.token)).toEqual({ status: "revoked" });
    expect(second.ok && (await lookupInvitation(database.db, second.token)).status).toBe("valid");
  });

  it("reports every invalid field of the acceptance form at once", async () => {
    const { token } = await invite("fields@example.test");
    expect(await acceptInvitation(database.db, { token, name: " ", password: "short" }, { locale: "en" })).toEqual({
      ok: false,
      error: "validation",
      fields: { name: ["required"], password: ["passwordTooShort"] },
    });
  });

  it("the invitation email is written in the inviter's language and carries the link", () => {
    const message = { to: "a@example.test", link: "http://host/fr/invite/abc", organizationName: "Acme", inviterName: "Ada", locale: "fr" as const };
    const { subject, text } = invitationEmail(message);
    expect(subject).toBe("Ada vous invite à rejoindre Acme");
    expect(text).toContain("http://host/fr/invite/abc");
  });
});
