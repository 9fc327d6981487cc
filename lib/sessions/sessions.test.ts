import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { auditEvents, sessions, users } from "@/db/schema";
import { openTestDatabase } from "@/tests/support/db";
import { createCast, signedInViewer, testPassword, viewerOf } from "@/tests/support/factories";
import { authenticate } from "@/lib/auth/accounts";
import { loadSessionUser } from "@/lib/auth/session-user";
import { changePassword } from "@/lib/members/profile";
import { changeMemberRole, leaveOrganization, removeMember } from "@/lib/members/members";
import { deleteOldSessions, endOtherSessions, endOwnSession, endSignedOutSession, listOwnSessions, signMemberOutEverywhere } from "./sessions";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const minute = 60_000;
const day = 24 * 60 * minute;

async function status(sessionId: string | undefined, now?: Date) {
  const lookup = await loadSessionUser(database.db, sessionId, now);
  return lookup.status === "ok" ? "ok" : lookup.reason;
}

async function lastSeen(sessionId: string | undefined) {
  const [row] = await database.db.select({ lastSeenAt: sessions.lastSeenAt }).from(sessions).where(eq(sessions.id, sessionId!));
  return row!.lastSeenAt.getTime();
}

describe("sessions are rows that end", () => {
  it("a signed-out session no longer opens anything, even with its cookie replayed", async () => {
    const { member } = await createCast(database.db);
    const browser = await signedInViewer(database.db, member.id);
    expect(await status(browser.sessionId)).toBe("ok");
    await endSignedOutSession(database.db, browser.sessionId);
    expect(await status(browser.sessionId)).toBe("signedOut");
  });

  it("a password change ends every other session and keeps this one, and says so by email", async () => {
    const { member } = await createCast(database.db);
    const here = await signedInViewer(database.db, member.id);
    const elsewhere = await signedInViewer(database.db, member.id);
    const result = await changePassword(database.db, here, { currentPassword: testPassword, newPassword: "another-long-password", confirmPassword: "another-long-password" });
    expect(result).toMatchObject({ ok: true, endedSessions: 1, mail: { to: member.email, subject: "Your Org Console password was changed" } });
    expect(await status(here.sessionId)).toBe("ok");
    expect(await status(elsewhere.sessionId)).toBe("passwordChanged");
  });

  it("a removal, a demotion and a leave end the person's sessions", async () => {
    const { admin, billing, member } = await createCast(database.db);
    const adminViewer = await viewerOf(database.db, admin.id);
    const removed = await signedInViewer(database.db, member.id);
    const demoted = await signedInViewer(database.db, billing.id);
    expect(await removeMember(database.db, adminViewer, { userId: member.id, confirmation: member.email })).toMatchObject({ ok: true });
    expect(await status(removed.sessionId)).toBe("accountDeleted");
    expect(await changeMemberRole(database.db, adminViewer, { userId: billing.id, role: "member" })).toMatchObject({ ok: true, changed: true });
    expect(await status(demoted.sessionId)).toBe("demoted");

    const { billing: leaver } = await createCast(database.db);
    const leaving = await signedInViewer(database.db, leaver.id);
    expect(await leaveOrganization(database.db, leaving, { confirmation: leaver.email, password: testPassword })).toMatchObject({ ok: true });
    expect(await status(leaving.sessionId)).toBe("left");
  });

  it("a promotion leaves the session alone", async () => {
    const { admin, member } = await createCast(database.db);
    const browser = await signedInViewer(database.db, member.id);
    await changeMemberRole(database.db, await viewerOf(database.db, admin.id), { userId: member.id, role: "admin", billing: "on" });
    expect(await status(browser.sessionId)).toBe("ok");
  });

  it("an Admin signs a member out everywhere; the member hears of it in their language", async () => {
    const { admin, member } = await createCast(database.db);
    await database.db.update(users).set({ locale: "fr" }).where(eq(users.id, member.id));
    const browsers = [await signedInViewer(database.db, member.id), await signedInViewer(database.db, member.id)];
    const result = await signMemberOutEverywhere(database.db, await signedInViewer(database.db, admin.id), { userId: member.id });
    expect(result).toMatchObject({ ok: true, ended: 2, mail: { to: member.email, subject: "Vous avez été déconnecté d’Org Console partout" } });
    for (const browser of browsers) expect(await status(browser.sessionId)).toBe("signedOutByAdmin");
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "member.signedOutEverywhere"));
    expect(event).toMatchObject({ actorId: admin.id, target: member.email, data: { count: 2 } });
  });

  it("a Member cannot sign anyone out, and an Admin cannot reach another organization's people", async () => {
    const { admin, member } = await createCast(database.db);
    const stranger = (await createCast(database.db)).member;
    const strangerBrowser = await signedInViewer(database.db, stranger.id);
    const adminBrowser = await signedInViewer(database.db, admin.id);
    expect(await signMemberOutEverywhere(database.db, await viewerOf(database.db, member.id), { userId: admin.id })).toEqual({ ok: false, error: "forbidden" });
    expect(await signMemberOutEverywhere(database.db, adminBrowser, { userId: stranger.id })).toEqual({ ok: false, error: "notFound" });
    expect(await signMemberOutEverywhere(database.db, adminBrowser, { userId: "not-an-id" })).toEqual({ ok: false, error: "notFound" });
    expect(await status(strangerBrowser.sessionId)).toBe("ok");
    expect(await status(adminBrowser.sessionId)).toBe("ok");
  });
});

describe("your sessions", () => {
  it("lists both browsers with device and address, this one first and marked", async () => {
    const { member } = await createCast(database.db);
    await signedInViewer(database.db, member.id, { userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0", clientAddress: "198.51.100.7" });
    const here = await signedInViewer(database.db, member.id, { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" });
    const listed = await listOwnSessions(database.db, here);
    expect(listed.ok && listed.sessions.map(({ device, clientAddress, current }) => ({ device, clientAddress, current }))).toEqual([
      { device: "Chrome 131 · Linux", clientAddress: "192.0.2.1", current: true },
      { device: "Firefox 128 · Windows", clientAddress: "198.51.100.7", current: false },
    ]);
  });

  it("signs out one of one's sessions, or every other, and keeps this browser", async () => {
    const { member } = await createCast(database.db);
    const [one, two, here] = [await signedInViewer(database.db, member.id), await signedInViewer(database.db, member.id), await signedInViewer(database.db, member.id)];
    expect(await endOwnSession(database.db, here, { sessionId: one.sessionId })).toEqual({ ok: true, current: false });
    expect(await status(one.sessionId)).toBe("endedByOwner");
    expect(await status(two.sessionId)).toBe("ok");
    expect(await endOtherSessions(database.db, here)).toEqual({ ok: true, ended: 1 });
    expect(await status(two.sessionId)).toBe("endedByOwner");
    expect(await status(here.sessionId)).toBe("ok");
    const listed = await listOwnSessions(database.db, here);
    expect(listed.ok && listed.sessions.map((session) => session.id)).toEqual([here.sessionId]);
  });

  it("a session of another account cannot be signed out by its id", async () => {
    const { admin, member } = await createCast(database.db);
    const victim = await signedInViewer(database.db, admin.id);
    const attacker = await signedInViewer(database.db, member.id);
    expect(await endOwnSession(database.db, attacker, { sessionId: victim.sessionId })).toEqual({ ok: false, error: "notFound" });
    expect(await endOwnSession(database.db, attacker, { sessionId: "'; drop table sessions; --" })).toEqual({ ok: false, error: "notFound" });
    expect(await status(victim.sessionId)).toBe("ok");
  });
});

describe("expiry and last use", () => {
  it("a session unused for 14 days is over; one used now and then lives on", async () => {
    const { member } = await createCast(database.db);
    const start = new Date("2030-01-01T00:00:00Z");
    const idle = await signedInViewer(database.db, member.id, { now: start });
    const active = await signedInViewer(database.db, member.id, { now: start });
    expect(await status(active.sessionId, new Date(start.getTime() + 10 * day))).toBe("ok");
    expect(await status(idle.sessionId, new Date(start.getTime() + 14 * day + minute))).toBe("expired");
    expect(await status(active.sessionId, new Date(start.getTime() + 20 * day))).toBe("ok");
  });

  it("no session lasts beyond 90 days, however active", async () => {
    const { member } = await createCast(database.db);
    const start = new Date("2030-01-01T00:00:00Z");
    const browser = await signedInViewer(database.db, member.id, { now: start });
    for (let days = 10; days <= 90; days += 10) expect(await status(browser.sessionId, new Date(start.getTime() + days * day - minute))).toBe("ok");
    expect(await status(browser.sessionId, new Date(start.getTime() + 90 * day + minute))).toBe("expired");
  });

  it("writes the last use at most once per interval", async () => {
    const { member } = await createCast(database.db);
    const start = new Date("2030-02-01T00:00:00Z");
    const browser = await signedInViewer(database.db, member.id, { now: start });
    for (const offset of [1, 2, 4]) await status(browser.sessionId, new Date(start.getTime() + offset * minute));
    expect(await lastSeen(browser.sessionId)).toBe(start.getTime());
    const later = new Date(start.getTime() + 5 * minute);
    await status(browser.sessionId, later);
    expect(await lastSeen(browser.sessionId)).toBe(later.getTime());
    // Two requests racing past the interval with the same stale row write once.
    const racing = new Date(later.getTime() + 6 * minute);
    await Promise.all([status(browser.sessionId, racing), status(browser.sessionId, new Date(racing.getTime() + 1000))]);
    expect([racing.getTime(), racing.getTime() + 1000]).toContain(await lastSeen(browser.sessionId));
  });

  it("a cookie naming no row (from before session rows) is signed out once, not an error", async () => {
    expect(await status("6f1c2b1e-3d4a-4b5c-8d9e-0f1a2b3c4d5e")).toBe("sessionEnded");
    expect(await status(undefined)).toBe("sessionEnded");
  });

  it("deletes rows ended or expired more than 30 days ago, and keeps the others", async () => {
    const { member } = await createCast(database.db);
    const start = new Date("2031-01-01T00:00:00Z");
    const ended = await signedInViewer(database.db, member.id, { now: start });
    await endSignedOutSession(database.db, ended.sessionId, start);
    const idle = await signedInViewer(database.db, member.id, { now: start });
    const recent = await signedInViewer(database.db, member.id, { now: new Date(start.getTime() + 40 * day) });
    const ids = [ended.sessionId!, idle.sessionId!, recent.sessionId!];
    const remaining = async () => (await database.db.select({ id: sessions.id }).from(sessions)).map((row) => row.id).filter((id) => ids.includes(id));
    await deleteOldSessions(database.db, new Date(start.getTime() + 29 * day));
    expect((await remaining()).sort()).toEqual([...ids].sort());
    await deleteOldSessions(database.db, new Date(start.getTime() + 31 * day));
    expect((await remaining()).sort()).toEqual([idle.sessionId, recent.sessionId].sort());
    await deleteOldSessions(database.db, new Date(start.getTime() + 45 * day));
    expect(await remaining()).toEqual([recent.sessionId]);
  });
});

describe("the audit log of sign-ins", () => {
  it("records a sign-in and a failed sign-in on the account, never the typed password", async () => {
    const { member, organization } = await createCast(database.db);
    await authenticate(database.db, { email: member.email, password: "my-secret-guess-123", clientAddress: "203.0.113.9" });
    await signedInViewer(database.db, member.id, { clientAddress: "203.0.113.9" });
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.organizationId, organization.id));
    const failed = events.find((event) => event.action === "session.signInFailed");
    const signedIn = events.find((event) => event.action === "session.signedIn");
    expect(failed).toMatchObject({ target: member.email, data: { address: "203.0.113.9" } });
    expect(signedIn).toMatchObject({ actorId: member.id, data: { address: "203.0.113.9", method: "password" } });
    expect(JSON.stringify(events)).not.toContain("my-secret-guess-123");
  });
});
