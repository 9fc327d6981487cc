import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import { recoveryCodes, totpAuthenticators, users } from "@/db/schema";
import type { Db, Tx } from "@/lib/core/db";
import type { Viewer } from "@/lib/core/actor";
import { guard } from "@/lib/core/guard";
import { verifyPassword } from "@/lib/core/passwords";
import { fail, type Result } from "@/lib/core/result";
import { decryptSecret, encryptSecret } from "@/lib/core/encryption";
import { recordAudit } from "@/lib/audit/record";
import { composeMail, type Mail } from "@/lib/mail/mailer";
import { acceptedStep, groupedSecret, newTotpSecret, totpQrSvg, totpUri } from "./totp";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-codes";
import { factorsOf } from "./verify";
import { markSessionChecked, requireRecentCheck } from "./step-up";
import { passwordOnlySchema, totpConfirmSchema } from "./schemas";
import { requirementFor } from "./policy";
import { listPasskeys, type PasskeySummary } from "./passkeys";

export type TwoStepSetup = { secret: string; groupedSecret: string; uri: string; qrSvg: string };

export type TwoStepStatus = {
  totp: boolean;
  passkeys: number;
  passkeyList: PasskeySummary[];
  recoveryCodesLeft: number;
  /** An app being added: what to scan or type, until a first code confirms it. */
  pending: TwoStepSetup | null;
};

async function setupOf(secret: string, email: string): Promise<TwoStepSetup> {
  const uri = totpUri(secret, email);
  return { secret, groupedSecret: groupedSecret(secret), uri, qrSvg: await totpQrSvg(uri) };
}

/** The Profile's two-step section: what the person has, and an app being added. */
export async function twoStepStatus(db: Db, caller: Viewer | null): Promise<Result<{ status: TwoStepStatus }, "forbidden">> {
  const door = guard(caller, "twoStep.own");
  if (!door.ok) return door;
  const { actor } = door;
  const factors = await factorsOf(db, actor.id);
  const [app] = await db.select().from(totpAuthenticators).where(eq(totpAuthenticators.userId, actor.id));
  const pending = app && !app.confirmedAt ? await setupOf(decryptSecret(app.secretEncrypted), actor.email) : null;
  return { ok: true, status: { ...factors, passkeyList: await listPasskeys(db, actor.id), pending } };
}

/** Starts adding an authenticator app: a new secret, sealed, unconfirmed until a first code matches. */
export async function startTotpSetup(db: Db, caller: Viewer | null): Promise<Result<{ setup: TwoStepSetup }, "forbidden" | "alreadyEnabled">> {
  const door = guard(caller, "twoStep.own");
  if (!door.ok) return door;
  const { actor } = door;
  const secret = newTotpSecret();
  const started = await db.transaction(async (tx) => {
    const [existing] = await tx.select({ confirmedAt: totpAuthenticators.confirmedAt }).from(totpAuthenticators).where(eq(totpAuthenticators.userId, actor.id)).for("update");
    if (existing?.confirmedAt) return false;
    await tx
      .insert(totpAuthenticators)
      .values({ userId: actor.id, secretEncrypted: encryptSecret(secret) })
      .onConflictDoUpdate({ target: totpAuthenticators.userId, set: { secretEncrypted: encryptSecret(secret), createdAt: new Date(), lastUsedStep: null } });
    return true;
  });
  if (!started) return fail("alreadyEnabled");
  return { ok: true, setup: await setupOf(secret, actor.email) };
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  return codes;
}

function mailTo(actor: Viewer, template: "twoStepEnabled" | "twoStepDisabled" | "recoveryCodesRegenerated"): Mail {
  return composeMail(actor.email, actor.locale, template, { name: actor.name });
}

export type ConfirmTotpError = "forbidden" | "validation" | "invalidCode" | "notStarted";

/** A first code from the app turns two-step sign-in on and gives ten recovery codes, shown once. */
export async function confirmTotpSetup(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ recoveryCodes: string[]; mail: Mail }, ConfirmTotpError>> {
  const door = guard(caller, "twoStep.own", totpConfirmSchema, input);
  if (!door.ok) return door;
  const { actor, input: { code } } = door;
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(totpAuthenticators).where(eq(totpAuthenticators.userId, actor.id)).for("update");
    if (!app || app.confirmedAt) return fail("notStarted");
    const step = acceptedStep(decryptSecret(app.secretEncrypted), code, null, now.getTime());
    if (step === null) return fail("invalidCode", { code: ["invalidCode"] });
    await tx.update(totpAuthenticators).set({ confirmedAt: now, lastUsedStep: step }).where(eq(totpAuthenticators.userId, actor.id));
    const codes = await replaceRecoveryCodes(tx, actor.id);
    await markSessionChecked(tx, actor.sessionId, now);
    await recordAudit(tx, { organizationId: actor.organization.id, actorId: actor.id, action: "twoStep.enabled", target: actor.email, data: { method: "totp" } });
    return { ok: true as const, recoveryCodes: codes, mail: mailTo(actor, "twoStepEnabled") };
  });
}

async function passwordMatches(db: Db, userId: string, password: string): Promise<boolean> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return Boolean(user && (await verifyPassword(password, user.passwordHash)));
}

/** New recovery codes after re-entering the password; the old ones stop working. */
export async function regenerateRecoveryCodes(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ recoveryCodes: string[]; mail: Mail }, "forbidden" | "validation" | "wrongPassword" | "notEnabled">> {
  const door = guard(caller, "twoStep.own", passwordOnlySchema, input);
  if (!door.ok) return door;
  const { actor } = door;
  if (!(await passwordMatches(db, actor.id, door.input.password))) return fail("wrongPassword", { password: ["wrongPassword"] });
  return db.transaction(async (tx) => {
    const [app] = await tx.select({ userId: totpAuthenticators.userId }).from(totpAuthenticators).where(and(eq(totpAuthenticators.userId, actor.id), isNotNull(totpAuthenticators.confirmedAt)));
    if (!app) return fail("notEnabled");
    const codes = await replaceRecoveryCodes(tx, actor.id);
    await recordAudit(tx, { organizationId: actor.organization.id, actorId: actor.id, action: "twoStep.recoveryCodesRegenerated", target: actor.email });
    return { ok: true as const, recoveryCodes: codes, mail: mailTo(actor, "recoveryCodesRegenerated") };
  });
}

export type RemoveTotpError = "forbidden" | "validation" | "wrongPassword" | "notEnabled" | "stepUpRequired" | "requiredByOrganization";

/**
 * Removes the authenticator app (and with it the recovery codes): the password again, and a recent
 * check (step-up). Refused while the organization's rule requires two-step sign-in of this person.
 */
export async function removeTotp(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ mail: Mail }, RemoveTotpError>> {
  const door = guard(caller, "twoStep.own", passwordOnlySchema, input);
  if (!door.ok) return door;
  const { actor } = door;
  if (!(await passwordMatches(db, actor.id, door.input.password))) return fail("wrongPassword", { password: ["wrongPassword"] });
  const stale = await requireRecentCheck(db, actor, { now });
  if (stale) return stale;
  const others = (await factorsOf(db, actor.id)).passkeys > 0;
  if (!others && (await requirementFor(db, actor, { ignoreOwnFactors: true, now })).required) return fail("requiredByOrganization");
  return db.transaction(async (tx) => {
    const removed = await tx.delete(totpAuthenticators).where(eq(totpAuthenticators.userId, actor.id)).returning({ confirmedAt: totpAuthenticators.confirmedAt });
    if (!removed[0]?.confirmedAt) return fail("notEnabled");
    // Recovery codes stay while a passkey remains a second step.
    if ((await factorsOf(tx, actor.id)).passkeys === 0) await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
    await recordAudit(tx, { organizationId: actor.organization.id, actorId: actor.id, action: "twoStep.disabled", target: actor.email, data: { method: "totp" } });
    return { ok: true as const, mail: mailTo(actor, "twoStepDisabled") };
  });
}
