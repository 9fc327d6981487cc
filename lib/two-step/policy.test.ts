import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq } from "drizzle-orm";
import { auditEvents, passkeys, sessions, totpAuthenticators, type Plan } from "@/db/schema";
import { plans } from "@/lib/core/plans";
import { can } from "@/lib/core/permissions";
import { loadSessionUser } from "@/lib/auth/session-user";
import { listMembers } from "@/lib/members/members";
import { renameOrganization } from "@/lib/organizations/organizations";
import { changePlan, previewPlanChange } from "@/lib/billing/billing";
import { startSession } from "@/lib/sessions/sessions";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, createOrganization, createUser, signedInViewer, viewerOf } from "@/tests/support/factories";
import { confirmTotpSetup, startTotpSetup } from "./factors";
import { totpCode } from "./totp";
import { membersWithTwoStep, requirementFor, resetMemberTwoStep, resetTwoStepBySystem, setTwoStepPolicy, twoStepPolicyView } from "./policy";

const database = testDatabaseForThisFile();
const day = 24 * 60 * 60_000;

async function enrol(userId: string) {
  const viewer = await signedInViewer(database.db, userId);
  const started = await startTotpSetup(database.db, viewer);
  if (!started.ok) throw new Error(started.error);
  const confirmed = await confirmTotpSetup(database.db, viewer, { code: totpCode(started.setup.secret) });
  if (!confirmed.ok) throw new Error(confirmed.error);
}

describe("who may set the organization's rule", () => {
  it.each(plans)("on %s: only an Admin, and only on Team and Enterprise; another organization's rule is never touched", async (plan) => {
    const { admin, billing, member, organization } = await createCast(database.db, plan);
    const other = await createOrganization(database.db, { plan: "enterprise" });
    const otherAdmin = await createUser(database.db, other.id, { role: "admin" });
    const input = { requiredFor: "everyone", graceDays: "7" };
    for (const person of [billing, member]) {
      expect(await setTwoStepPolicy(database.db, await viewerOf(database.db, person.id), input)).toMatchObject({ ok: false, error: "forbidden" });
    }
    const byAdmin = await setTwoStepPolicy(database.db, await viewerOf(database.db, admin.id), input);
    const included = plan === "team" || plan === "enterprise";
    expect(byAdmin).toMatchObject(included ? { ok: true } : { ok: false, error: "planRequired" });
    expect(can(await viewerOf(database.db, admin.id), "twoStep.policy")).toBe(included);
    expect(await setTwoStepPolicy(database.db, null, input)).toMatchObject({ ok: false, error: "forbidden" });
    // The other organization's Admin sets their own rule only.
    await setTwoStepPolicy(database.db, await viewerOf(database.db, otherAdmin.id), { requiredFor: "admins", graceDays: "0" });
    const view = await twoStepPolicyView(database.db, await viewerOf(database.db, admin.id));
    expect(view.ok && view.view.policy.requiredFor).toBe(included ? "everyone" : "off");
    const changes = await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, organization.id), eq(auditEvents.action, "twoStep.policyChanged")));
    expect(changes).toHaveLength(included ? 1 : 0);
  });

  it("refuses a grace period outside 0–30 days or an unknown choice, and changes nothing", async () => {
    const { admin } = await createCast(database.db, "team");
    const viewer = await viewerOf(database.db, admin.id);
    expect(await setTwoStepPolicy(database.db, viewer, { requiredFor: "everyone", graceDays: "31" })).toMatchObject({ ok: false, error: "validation", fields: { graceDays: ["invalidGraceDays"] } });
    expect(await setTwoStepPolicy(database.db, viewer, { requiredFor: "everyone", graceDays: "-1" })).toMatchObject({ ok: false, error: "validation" });
    expect(await setTwoStepPolicy(database.db, viewer, { requiredFor: "nobody", graceDays: "3" })).toMatchObject({ ok: false, fields: { requiredFor: ["invalidTwoStepPolicy"] } });
    const view = await twoStepPolicyView(database.db, viewer);
    expect(view.ok && view.view.policy.requiredFor).toBe("off");
  });
});

describe("what the rule asks of each person", () => {
  const cases: { requiredFor: "admins" | "everyone"; plan: Plan }[] = plans.flatMap((plan) => (["admins", "everyone"] as const).map((requiredFor) => ({ requiredFor, plan })));

  it.each(cases)("$requiredFor on $plan: covered roles, grace period, then set-up only", async ({ requiredFor, plan }) => {
    const { admin, billing, member, organization } = await createCast(database.db, "team");
    const start = new Date();
    expect(await setTwoStepPolicy(database.db, await viewerOf(database.db, admin.id), { requiredFor, graceDays: "7" }, start)).toMatchObject({ ok: true });
    if (plan !== "team") await changePlan(database.db, await viewerOf(database.db, admin.id), { plan });
    const active = plan === "team" || plan === "enterprise";
    for (const [person, role] of [[admin, "admin"], [billing, "member"], [member, "member"]] as const) {
      const viewer = await viewerOf(database.db, person.id);
      const covered = active && (requiredFor === "everyone" || role === "admin");
      const during = await requirementFor(database.db, viewer, { now: new Date(start.getTime() + 6 * day) });
      const after = await requirementFor(database.db, viewer, { now: new Date(start.getTime() + 8 * day) });
      expect(during).toMatchObject(covered ? { required: true, mustSetUpNow: false } : { required: false });
      expect(after).toMatchObject(covered ? { required: true, mustSetUpNow: true } : { required: false });
    }
    // The set-up itself ends the requirement.
    await enrol(admin.id);
    expect(await requirementFor(database.db, await viewerOf(database.db, admin.id), { now: new Date(start.getTime() + 8 * day) })).toEqual({ required: false });
    expect(organization.id).toBeTruthy();
  });

  it("with no grace period, a covered person can only set it up: the matrix narrows, the session stays", async () => {
    const { admin, member, organization } = await createCast(database.db, "enterprise");
    const memberSession = await signedInViewer(database.db, member.id);
    await setTwoStepPolicy(database.db, await viewerOf(database.db, admin.id), { requiredFor: "everyone", graceDays: "0" });
    const lookup = await loadSessionUser(database.db, memberSession.sessionId);
    if (lookup.status !== "ok") throw new Error("session gone");
    expect(lookup.viewer.twoStepSetup).toMatchObject({ setupOnly: true });
    expect(can(lookup.viewer, "twoStep.own")).toBe(true);
    expect(can(lookup.viewer, "chats.own")).toBe(false);
    const adminSession = await loadSessionUser(database.db, (await signedInViewer(database.db, admin.id)).sessionId);
    if (adminSession.status !== "ok") throw new Error("session gone");
    expect(await renameOrganization(database.db, adminSession.viewer, { name: "Renamed" })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await listMembers(database.db, adminSession.viewer)).toMatchObject({ ok: false });
    await enrol(admin.id);
    const again = await loadSessionUser(database.db, adminSession.viewer.sessionId);
    expect(again.status === "ok" && again.viewer.twoStepSetup).toBeUndefined();
    expect(organization.id).toBeTruthy();
  });

  it("people who signed in through SSO are exempt", async () => {
    const { admin, member } = await createCast(database.db, "enterprise");
    await setTwoStepPolicy(database.db, await viewerOf(database.db, admin.id), { requiredFor: "everyone", graceDays: "0" });
    const { sessionId } = await startSession(database.db, { user: { id: member.id, organizationId: member.organizationId }, method: "sso" });
    const lookup = await loadSessionUser(database.db, sessionId);
    expect(lookup.status === "ok" && lookup.viewer.twoStepSetup).toBeUndefined();
    const [row] = await database.db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(row!.signInMethod).toBe("sso");
  });

  it("the page says beforehand who would be affected, and a move below Team pauses the rule (kept)", async () => {
    const { admin, billing, member } = await createCast(database.db, "team");
    await enrol(member.id);
    const viewer = await viewerOf(database.db, admin.id);
    const view = await twoStepPolicyView(database.db, viewer);
    if (!view.ok) throw new Error("no view");
    expect(view.view.impacts.admins.withoutTwoStep).toEqual([admin.email]);
    expect(view.view.impacts.everyone.withoutTwoStep).toEqual([admin.email, billing.email].sort());
    await setTwoStepPolicy(database.db, viewer, { requiredFor: "everyone", graceDays: "3" });
    const preview = await previewPlanChange(database.db, await viewerOf(database.db, admin.id), { plan: "pro" });
    expect(preview.ok && preview.preview.losses).toContainEqual({ feature: "twoStepPolicy", affected: 3 });
    await changePlan(database.db, await viewerOf(database.db, admin.id), { plan: "pro" });
    const paused = await twoStepPolicyView(database.db, await viewerOf(database.db, admin.id));
    expect(paused.ok && paused.view).toMatchObject({ paused: true, policy: { requiredFor: "everyone", graceDays: 3 } });
  });
});

describe("resetting a member's two-step sign-in", () => {
  it("an Admin resets a member of the organization, audited and emailed; nobody else can", async () => {
    const { admin, billing, member, organization } = await createCast(database.db, "free");
    const other = await createCast(database.db, "enterprise");
    await enrol(member.id);
    for (const person of [billing, member, other.admin]) {
      expect(await resetMemberTwoStep(database.db, await viewerOf(database.db, person.id), { userId: member.id })).toMatchObject({ ok: false });
    }
    expect(await resetMemberTwoStep(database.db, await viewerOf(database.db, other.admin.id), { userId: member.id })).toMatchObject({ error: "notFound" });
    const result = await resetMemberTwoStep(database.db, await viewerOf(database.db, admin.id), { userId: member.id });
    expect(result).toMatchObject({ ok: true, mail: { to: member.email, subject: "Your two-step sign-in was reset" } });
    expect(await database.db.select().from(totpAuthenticators).where(eq(totpAuthenticators.userId, member.id))).toEqual([]);
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, organization.id), eq(auditEvents.action, "twoStep.resetByAdmin")));
    expect(event).toMatchObject({ actorId: admin.id, target: member.email });
    expect(await resetMemberTwoStep(database.db, await viewerOf(database.db, admin.id), { userId: member.id })).toMatchObject({ ok: false, error: "notEnabled" });
  });

  it("the operator's reset (admin:reset-two-step) removes the factors and is audited as a system action", async () => {
    const { admin, organization } = await createCast(database.db, "team");
    await enrol(admin.id);
    expect(await resetTwoStepBySystem(database.db, admin.email.toUpperCase())).toMatchObject({ ok: true, mail: { to: admin.email } });
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, organization.id), eq(auditEvents.action, "twoStep.resetBySystem")));
    expect(event).toMatchObject({ actorId: null, target: admin.email });
    expect(await resetTwoStepBySystem(database.db, "nobody@example.test")).toEqual({ ok: false, error: "notFound" });
  });

  it("the command refuses to open the embedded database while another process holds it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twostep-cli-"));
    const dataDir = path.join(dir, "pglite");
    fs.writeFileSync(`${dataDir}.owner-pid`, String(process.pid));
    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dataDir, NODE_OPTIONS: "" };
    delete env.DATABASE_URL;
    const run = promisify(execFile)(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/two-step/reset-cli.ts", "someone@example.test"], { env });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining(`open in process ${process.pid}`) });
    expect(fs.existsSync(dataDir)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe("the Members page's two-step column", () => {
  it("names the people with an app confirmed or a passkey, not an app still being set up, nor anyone of another organization", async () => {
    const { admin, billing, member, organization } = await createCast(database.db, "team");
    const other = await createOrganization(database.db);
    const stranger = await createUser(database.db, other.id);
    await enrol(admin.id);
    await database.db.insert(passkeys).values({ userId: billing.id, credentialId: "cred-billing", publicKey: "key", name: "Laptop" });
    await database.db.insert(totpAuthenticators).values({ userId: member.id, secretEncrypted: "pending" });
    await enrol(stranger.id);
    expect([...(await membersWithTwoStep(database.db, organization.id))].sort()).toEqual([admin.id, billing.id].sort());
    // Both factors count once.
    await database.db.insert(passkeys).values({ userId: admin.id, credentialId: "cred-admin", publicKey: "key", name: "Phone" });
    expect((await membersWithTwoStep(database.db, organization.id)).size).toBe(2);
    // The list the page reads says the same, person by person, in the same query.
    const adminViewer = await viewerOf(database.db, admin.id);
    const listed = await listMembers(database.db, adminViewer, { withTwoStep: true });
    expect(listed.ok && Object.fromEntries(listed.members.map((person) => [person.id, person.twoStep]))).toEqual({ [admin.id]: true, [billing.id]: true, [member.id]: false });
    const filtered = await listMembers(database.db, adminViewer, { query: member.email, withTwoStep: true });
    expect(filtered.ok && filtered.members.map((person) => [person.id, person.twoStep])).toEqual([[member.id, false]]);
    // Unasked, the list (as the API gives it) carries no such field.
    const plain = await listMembers(database.db, adminViewer);
    expect(plain.ok && plain.members.every((person) => !("twoStep" in person))).toBe(true);
  });
});
