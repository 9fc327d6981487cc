import { eq } from "drizzle-orm";
import { auditEvents, recoveryCodes, sessions, totpAuthenticators } from "@/db/schema";
import { queryRows } from "@/lib/core/db";
import { decryptSecret } from "@/lib/core/encryption";
import { sql } from "drizzle-orm";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, signedInViewer, testPassword, viewerOf } from "@/tests/support/factories";
import { beginSignIn, completeSecondStep, pendingSecondStep, redeemPendingSignIn } from "@/lib/auth/two-step-sign-in";
import { requestChatPurge, requestOrganizationDeletion } from "@/lib/organizations/organizations";
import { acceptedStep, totpCode } from "./totp";
import { confirmTotpSetup, regenerateRecoveryCodes, removeTotp, startTotpSetup, twoStepStatus } from "./factors";
import { checkSecondFactor } from "./verify";
import { loadSessionUser } from "@/lib/auth/session-user";
import { confirmIdentity, requireRecentCheck, stepUpDue } from "./step-up";
import type { Viewer } from "@/lib/core/actor";

const database = testDatabaseForThisFile();
const step = 30_000;
const minute = 60_000;

/** Turns two-step sign-in on for a person as the profile page does; returns the secret and the codes. */
async function enrol(viewer: Viewer, now = new Date()) {
  const started = await startTotpSetup(database.db, viewer);
  if (!started.ok) throw new Error(started.error);
  // A code of the previous step: the next code (now) is still free for the test to use.
  const confirmed = await confirmTotpSetup(database.db, viewer, { code: totpCode(started.setup.secret, now.getTime() - step) }, now);
  if (!confirmed.ok) throw new Error(confirmed.error);
  return { secret: started.setup.secret, codes: confirmed.recoveryCodes };
}

describe("authenticator codes (RFC 6238)", () => {
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  const now = Date.UTC(2026, 10, 30, 12, 0, 10);

  it("accepts the code of this step and of one step either side, and nothing further", () => {
    expect(acceptedStep(secret, totpCode(secret, now), null, now)).not.toBeNull();
    expect(acceptedStep(secret, totpCode(secret, now - step), null, now)).not.toBeNull();
    expect(acceptedStep(secret, totpCode(secret, now + step), null, now)).not.toBeNull();
    expect(acceptedStep(secret, totpCode(secret, now - 2 * step), null, now)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, now + 2 * step), null, now)).toBeNull();
  });

  it("refuses a code of a step already used, and anything that is not six digits", () => {
    const used = acceptedStep(secret, totpCode(secret, now), null, now)!;
    expect(acceptedStep(secret, totpCode(secret, now), used, now)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, now - step), used, now)).toBeNull();
    expect(acceptedStep(secret, "12345", null, now)).toBeNull();
    expect(acceptedStep(secret, "abcdef", null, now)).toBeNull();
    // Spaces people type from the app's display are fine.
    const code = totpCode(secret, now);
    expect(acceptedStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, now)).not.toBeNull();
  });
});

describe("setting up an authenticator app", () => {
  it("keeps the secret sealed in the database, and turns on with a first code", async () => {
    const { member } = await createCast(database.db);
    const viewer = await signedInViewer(database.db, member.id);
    const started = await startTotpSetup(database.db, viewer);
    if (!started.ok) throw new Error("not started");
    expect(started.setup.qrSvg).toContain("<svg");
    expect(started.setup.uri).toContain(`secret=${started.setup.secret}`);
    const [row] = await database.db.select().from(totpAuthenticators).where(eq(totpAuthenticators.userId, member.id));
    expect(row!.secretEncrypted).not.toContain(started.setup.secret);
    expect(decryptSecret(row!.secretEncrypted)).toBe(started.setup.secret);
    // Not on until confirmed: a wrong code changes nothing.
    expect(await confirmTotpSetup(database.db, viewer, { code: "000000" })).toMatchObject({ ok: false, error: "invalidCode" });
    expect((await twoStepStatus(database.db, viewer)).ok && (await twoStepStatus(database.db, viewer))).toMatchObject({ status: { totp: false } });
    const confirmed = await confirmTotpSetup(database.db, viewer, { code: totpCode(started.setup.secret) });
    expect(confirmed).toMatchObject({ ok: true, mail: { to: member.email, subject: "Two-step sign-in is on for your Org Console account" } });
    expect(confirmed.ok && confirmed.recoveryCodes).toHaveLength(10);
    // No secret anywhere in the database in the clear.
    const dump = await queryRows<{ dump: string }>(database.db, sql`select string_agg(t::text, ' ') as dump from totp_authenticators t`);
    expect(dump[0]!.dump).not.toContain(started.setup.secret);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "twoStep.enabled"));
    expect(audit.some((event) => event.target === member.email)).toBe(true);
    expect(await startTotpSetup(database.db, viewer)).toMatchObject({ ok: false, error: "alreadyEnabled" });
  });
});

describe("the second step", () => {
  it("a code works once: the same code is refused in its own window", async () => {
    const { member } = await createCast(database.db);
    const { secret } = await enrol(await signedInViewer(database.db, member.id));
    const code = totpCode(secret);
    expect(await checkSecondFactor(database.db, member.id, { code })).toMatchObject({ ok: true, method: "totp" });
    expect(await checkSecondFactor(database.db, member.id, { code })).toMatchObject({ ok: false, error: "invalidCode" });
  });

  it("a recovery code works once, and new codes replace the old ones", async () => {
    const { member } = await createCast(database.db);
    const viewer = await signedInViewer(database.db, member.id);
    const { codes } = await enrol(viewer);
    expect(await checkSecondFactor(database.db, member.id, { recoveryCode: codes[0]!.toUpperCase() })).toMatchObject({ ok: true, method: "recovery", recoveryCodesLeft: 9 });
    expect(await checkSecondFactor(database.db, member.id, { recoveryCode: codes[0]! })).toMatchObject({ ok: false, error: "invalidCode" });
    expect(await regenerateRecoveryCodes(database.db, viewer, { password: "wrong" })).toMatchObject({ ok: false, error: "wrongPassword" });
    const fresh = await regenerateRecoveryCodes(database.db, viewer, { password: testPassword });
    expect(fresh.ok).toBe(true);
    expect(await checkSecondFactor(database.db, member.id, { recoveryCode: codes[1]! })).toMatchObject({ ok: false });
    expect(await checkSecondFactor(database.db, member.id, { recoveryCode: fresh.ok ? fresh.recoveryCodes[1]! : "" })).toMatchObject({ ok: true });
    const stored = await database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, member.id));
    expect(stored.every((row) => !fresh.ok || !fresh.recoveryCodes.some((code) => row.codeHash.includes(code)))).toBe(true);
  });

  it("five wrong codes lock the step for that person, even for the right code", async () => {
    const { member } = await createCast(database.db);
    const { secret } = await enrol(await signedInViewer(database.db, member.id));
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await checkSecondFactor(database.db, member.id, { code: "000000" }, { clientAddress: "198.51.100.7" })).toMatchObject({ ok: false, error: "invalidCode" });
    }
    const locked = await checkSecondFactor(database.db, member.id, { code: totpCode(secret) }, { clientAddress: "198.51.100.7" });
    expect(locked).toMatchObject({ ok: false, error: "throttled" });
    expect(locked.ok === false && locked.retryAfter).toBeGreaterThan(14 * 60);
  });

  it("the password alone does not start a session for a person with two-step sign-in; the code does, once", async () => {
    const { member } = await createCast(database.db);
    const { secret } = await enrol(await signedInViewer(database.db, member.id));
    const begun = await beginSignIn(database.db, { email: member.email, password: testPassword, clientAddress: "192.0.2.9" });
    if (!begun.ok) throw new Error(begun.error);
    expect(begun.secondStep).toBe(true);
    expect(await redeemPendingSignIn(database.db, begun.token)).toBeNull();
    expect(await pendingSecondStep(database.db, begun.token)).toMatchObject({ email: member.email, userId: member.id });
    expect(await completeSecondStep(database.db, begun.token, { code: "000000" })).toMatchObject({ ok: false, error: "invalidCode" });
    expect(await completeSecondStep(database.db, begun.token, { code: totpCode(secret) })).toMatchObject({ ok: true, method: "totp" });
    expect(await redeemPendingSignIn(database.db, begun.token)).toMatchObject({ user: { id: member.id }, method: "totp" });
    expect(await redeemPendingSignIn(database.db, begun.token)).toBeNull();
    expect(await pendingSecondStep(database.db, begun.token)).toBeNull();
  });

  it("a person without two-step sign-in gets a token that is ready at once; an old token is refused", async () => {
    const { member } = await createCast(database.db);
    const begun = await beginSignIn(database.db, { email: member.email, password: testPassword });
    if (!begun.ok) throw new Error(begun.error);
    expect(begun.secondStep).toBe(false);
    expect(await redeemPendingSignIn(database.db, begun.token, new Date(Date.now() + 11 * minute))).toBeNull();
    expect(await redeemPendingSignIn(database.db, begun.token)).toMatchObject({ method: "password" });
    expect(await beginSignIn(database.db, { email: member.email, password: "wrong-password" })).toMatchObject({ ok: false, error: "invalid" });
    expect(await completeSecondStep(database.db, "not-a-token", { code: "123456" })).toMatchObject({ ok: false, error: "expired" });
  });
});

describe("step-up before sensitive actions", () => {
  it("a check older than 10 minutes asks again before purging chats, then passes after a code", async () => {
    const { admin, organization } = await createCast(database.db);
    const viewer = await signedInViewer(database.db, admin.id);
    const { secret } = await enrol(viewer);
    await database.db.update(sessions).set({ checkedAt: new Date(Date.now() - 11 * minute) }).where(eq(sessions.id, viewer.sessionId!));
    expect(await requestChatPurge(database.db, viewer, { confirmation: organization.name })).toMatchObject({ ok: false, error: "stepUpRequired" });
    expect(await requestOrganizationDeletion(database.db, viewer, { confirmation: organization.name, password: testPassword })).toMatchObject({ ok: false, error: "stepUpRequired" });
    expect(await confirmIdentity(database.db, viewer, { password: testPassword })).toMatchObject({ ok: false, error: "validation" });
    expect(await confirmIdentity(database.db, viewer, { code: totpCode(secret) })).toMatchObject({ ok: true, method: "totp" });
    expect(await requireRecentCheck(database.db, viewer)).toBeNull();
    expect(await requestChatPurge(database.db, viewer, { confirmation: organization.name })).toMatchObject({ ok: true });
  });

  it("a person without a second factor confirms with the password; deletion's own password is enough for them", async () => {
    const { admin, organization } = await createCast(database.db);
    const viewer = await signedInViewer(database.db, admin.id);
    await database.db.update(sessions).set({ checkedAt: new Date(Date.now() - 11 * minute) }).where(eq(sessions.id, viewer.sessionId!));
    expect(await requireRecentCheck(database.db, viewer)).toMatchObject({ error: "stepUpRequired" });
    expect(await confirmIdentity(database.db, viewer, { password: "wrong" })).toMatchObject({ ok: false, error: "wrongPassword" });
    expect(await requireRecentCheck(database.db, viewer, { passwordJustChecked: true })).toBeNull();
    expect(await requestOrganizationDeletion(database.db, viewer, { confirmation: organization.name, password: testPassword })).toMatchObject({ ok: true });
  });

  it("turning two-step sign-in off asks for the password and a recent check, and emails the person", async () => {
    const { member } = await createCast(database.db);
    const viewer = await signedInViewer(database.db, member.id);
    const { secret } = await enrol(viewer);
    await database.db.update(sessions).set({ checkedAt: new Date(Date.now() - 11 * minute) }).where(eq(sessions.id, viewer.sessionId!));
    expect(await removeTotp(database.db, viewer, { password: "wrong" })).toMatchObject({ ok: false, error: "wrongPassword" });
    expect(await removeTotp(database.db, viewer, { password: testPassword })).toMatchObject({ ok: false, error: "stepUpRequired" });
    expect(await confirmIdentity(database.db, viewer, { code: totpCode(secret) })).toMatchObject({ ok: true });
    expect(await removeTotp(database.db, viewer, { password: testPassword })).toMatchObject({ ok: true, mail: { to: member.email, subject: "Two-step sign-in was turned off on your Org Console account" } });
    expect(await checkSecondFactor(database.db, member.id, { code: totpCode(secret) })).toMatchObject({ ok: false });
  });

  it("the page's notice says so beforehand from the request's own session read, as the action will decide", async () => {
    const { admin } = await createCast(database.db);
    const viewer = await signedInViewer(database.db, admin.id);
    const lookup = await loadSessionUser(database.db, viewer.sessionId);
    if (lookup.status !== "ok") throw new Error("signed out");
    expect(await stepUpDue(database.db, lookup.viewer)).toBe(false);
    await database.db.update(sessions).set({ checkedAt: new Date(Date.now() - 11 * minute) }).where(eq(sessions.id, viewer.sessionId!));
    const later = await loadSessionUser(database.db, viewer.sessionId);
    if (later.status !== "ok") throw new Error("signed out");
    expect(later.viewer.sessionCheckedAt!.getTime()).toBeLessThan(Date.now() - 10 * minute);
    expect(await stepUpDue(database.db, later.viewer)).toBe(true);
    expect(await requireRecentCheck(database.db, later.viewer)).toMatchObject({ error: "stepUpRequired" });
    // A viewer without the request's read (built elsewhere) asks the database.
    const { sessionCheckedAt: _read, ...withoutRead } = later.viewer;
    expect(await stepUpDue(database.db, withoutRead)).toBe(true);
    expect(await stepUpDue(database.db, await viewerOf(database.db, admin.id))).toBe(false);
  });

  it("a viewer outside a browser session (scripts) is not asked", async () => {
    const { admin } = await createCast(database.db);
    expect(await requireRecentCheck(database.db, await viewerOf(database.db, admin.id))).toBeNull();
  });
});
