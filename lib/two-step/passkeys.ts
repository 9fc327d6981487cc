import "server-only";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { z } from "zod";
import { passkeyChallenges, passkeys, recoveryCodes, users } from "@/db/schema";
import type { Db, Tx } from "@/lib/core/db";
import type { Viewer } from "@/lib/core/actor";
import { guard } from "@/lib/core/guard";
import { verifyPassword } from "@/lib/core/passwords";
import { fail, type Result } from "@/lib/core/result";
import { displayText } from "@/lib/core/schemas";
import { recordAudit } from "@/lib/audit/record";
import { composeMail, type Mail } from "@/lib/mail/mailer";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-codes";
import { markSessionChecked, requireRecentCheck } from "./step-up";
import { clearFailures, lockedFor, recordFailure, throttleKey } from "@/lib/core/throttle";
import { factorsOf } from "./verify";
import { requirementFor } from "./policy";

type RegistrationResponse = Parameters<typeof verifyRegistrationResponse>[0]["response"];
type AuthenticationResponse = Parameters<typeof verifyAuthenticationResponse>[0]["response"];
export type RegistrationOptions = Awaited<ReturnType<typeof generateRegistrationOptions>>;
export type AuthenticationOptions = Awaited<ReturnType<typeof generateAuthenticationOptions>>;

/** The relying party is the public origin (APP_URL), never the request's Host; its ID is that origin's host name. */
export type RelyingParty = { origin: string };
const rpIdOf = (party: RelyingParty) => new URL(party.origin).hostname;

const challengeMs = 5 * 60_000;
const bytes = (base64url: string) => new Uint8Array(Buffer.from(base64url, "base64url"));
const text = (value: Uint8Array) => Buffer.from(value).toString("base64url");

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

export async function listPasskeys(db: Pick<Db, "select">, userId: string): Promise<PasskeySummary[]> {
  return db
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(passkeys.createdAt);
}

async function storeChallenge(db: Pick<Db, "insert" | "delete">, userId: string, purpose: "register" | "signIn", challenge: string, now: Date) {
  await db.delete(passkeyChallenges).where(and(eq(passkeyChallenges.userId, userId), eq(passkeyChallenges.purpose, purpose)));
  await db.insert(passkeyChallenges).values({ userId, purpose, challenge, expiresAt: new Date(now.getTime() + challengeMs) });
}

/** The newest open challenge of this purpose, spent by reading it: an answer is checked once. */
async function spendChallenge(db: Pick<Db, "delete">, userId: string, purpose: "register" | "signIn", now: Date): Promise<string | null> {
  const spent = await db
    .delete(passkeyChallenges)
    .where(and(eq(passkeyChallenges.userId, userId), eq(passkeyChallenges.purpose, purpose), gt(passkeyChallenges.expiresAt, now)))
    .returning({ challenge: passkeyChallenges.challenge, createdAt: passkeyChallenges.createdAt });
  spent.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return spent[0]?.challenge ?? null;
}

/** What the browser needs to create a passkey for the viewer (JavaScript only). */
export async function passkeyRegistrationOptions(db: Db, caller: Viewer | null, party: RelyingParty, now = new Date()): Promise<Result<{ options: RegistrationOptions }, "forbidden">> {
  const door = guard(caller, "twoStep.own");
  if (!door.ok) return door;
  const { actor } = door;
  const existing = await db.select({ credentialId: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, actor.id));
  const options = await generateRegistrationOptions({
    rpName: "Org Console",
    rpID: rpIdOf(party),
    userID: actor.id,
    userName: actor.email,
    userDisplayName: actor.name,
    attestationType: "none",
    excludeCredentials: existing.map((key) => ({ id: bytes(key.credentialId), type: "public-key" as const, transports: key.transports as never })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await storeChallenge(db, actor.id, "register", options.challenge, now);
  return { ok: true, options };
}

const passkeyNameSchema = z.object({ name: displayText(60).optional().catch(undefined) });

async function ensureRecoveryCodes(tx: Tx, userId: string): Promise<string[] | null> {
  const [left] = await tx.select({ id: recoveryCodes.id }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))).limit(1);
  if (left) return null;
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  return codes;
}

/** Checks the browser's answer and keeps the new passkey; the first second step also brings recovery codes. */
export async function finishPasskeyRegistration(
  db: Db,
  caller: Viewer | null,
  input: { response: unknown; name?: unknown },
  party: RelyingParty,
  now = new Date(),
): Promise<Result<{ recoveryCodes: string[] | null; mail: Mail }, "forbidden" | "passkeyRefused">> {
  const door = guard(caller, "twoStep.own", passkeyNameSchema, { name: input.name || undefined }, { invalid: () => fail("passkeyRefused") });
  if (!door.ok) return door;
  const { actor } = door;
  const challenge = await spendChallenge(db, actor.id, "register", now);
  if (!challenge) return fail("passkeyRefused");
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({ response: input.response as RegistrationResponse, expectedChallenge: challenge, expectedOrigin: party.origin, expectedRPID: rpIdOf(party), requireUserVerification: false });
  } catch {
    return fail("passkeyRefused");
  }
  const info = verified.registrationInfo;
  if (!verified.verified || !info) return fail("passkeyRefused");
  const transports = ((input.response as { response?: { transports?: unknown } }).response?.transports ?? []) as unknown[];
  const name = door.input.name ?? `Passkey ${now.toISOString().slice(0, 10)}`;
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.credentialId, text(info.credentialID)));
    if (taken) return fail("passkeyRefused");
    await tx.insert(passkeys).values({
      userId: actor.id,
      credentialId: text(info.credentialID),
      publicKey: text(info.credentialPublicKey),
      counter: info.counter,
      transports: transports.filter((item): item is string => typeof item === "string").slice(0, 10),
      name,
    });
    const codes = await ensureRecoveryCodes(tx, actor.id);
    await recordAudit(tx, { organizationId: actor.organization.id, actorId: actor.id, action: "twoStep.enabled", target: actor.email, data: { method: "passkey", name } });
    return { ok: true as const, recoveryCodes: codes, mail: composeMail(actor.email, actor.locale, "passkeyAdded", { name: actor.name, passkey: name }) };
  });
}

const removePasskeySchema = z.object({ passkeyId: z.uuid({ error: "notFound" }), password: z.string({ error: "required" }).min(1, { error: "required" }).max(200, { error: "wrongPassword" }) });

/** Removes one passkey after the password; removing the last second step also needs a recent check. */
export async function removePasskey(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ mail: Mail }, "forbidden" | "validation" | "notFound" | "wrongPassword" | "stepUpRequired" | "requiredByOrganization">> {
  const door = guard(caller, "twoStep.own", removePasskeySchema, input);
  if (!door.ok) return door;
  const { actor, input: parsed } = door;
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(parsed.password, user.passwordHash))) return fail("wrongPassword", { password: ["wrongPassword"] });
  const factors = await factorsOf(db, actor.id);
  const last = !factors.totp && factors.passkeys <= 1;
  if (last) {
    const stale = await requireRecentCheck(db, actor, { now });
    if (stale) return stale;
    if ((await requirementFor(db, actor, { ignoreOwnFactors: true, now })).required) return fail("requiredByOrganization");
  }
  return db.transaction(async (tx) => {
    const [removed] = await tx.delete(passkeys).where(and(eq(passkeys.id, parsed.passkeyId), eq(passkeys.userId, actor.id))).returning({ name: passkeys.name });
    if (!removed) return fail("notFound");
    if (last) await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
    await recordAudit(tx, { organizationId: actor.organization.id, actorId: actor.id, action: "twoStep.disabled", target: actor.email, data: { method: "passkey", name: removed.name } });
    return { ok: true as const, mail: composeMail(actor.email, actor.locale, "passkeyRemoved", { name: actor.name, passkey: removed.name }) };
  });
}

/** The second sign-in step with a passkey: options naming the person's passkeys. */
export async function passkeyAuthenticationOptions(db: Db, userId: string, party: RelyingParty, now = new Date()): Promise<AuthenticationOptions | null> {
  const keys = await db.select({ credentialId: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, userId)).orderBy(desc(passkeys.createdAt));
  if (keys.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: rpIdOf(party),
    allowCredentials: keys.map((key) => ({ id: bytes(key.credentialId), type: "public-key" as const, transports: key.transports as never })),
    userVerification: "preferred",
  });
  await storeChallenge(db, userId, "signIn", options.challenge, now);
  return options;
}

/** Checks a passkey's answer for this person; the signature counter moves forward or the answer is refused. */
export async function verifyPasskeyAssertion(db: Db, userId: string, response: unknown, party: RelyingParty, now = new Date()): Promise<boolean> {
  const challenge = await spendChallenge(db, userId, "signIn", now);
  const id = typeof (response as { id?: unknown } | null)?.id === "string" ? (response as { id: string }).id : null;
  if (!challenge || !id) return false;
  const [key] = await db.select().from(passkeys).where(and(eq(passkeys.userId, userId), eq(passkeys.credentialId, id)));
  if (!key) return false;
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponse,
      expectedChallenge: challenge,
      expectedOrigin: party.origin,
      expectedRPID: rpIdOf(party),
      authenticator: { credentialID: bytes(key.credentialId), credentialPublicKey: bytes(key.publicKey), counter: key.counter, transports: key.transports as never },
      requireUserVerification: false,
    });
    if (!result.verified) return false;
    await db.update(passkeys).set({ counter: result.authenticationInfo.newCounter, lastUsedAt: now }).where(eq(passkeys.id, key.id));
    return true;
  } catch {
    return false;
  }
}

/** Step-up with a passkey: the options for the viewer's own passkeys (null when they have none). */
export async function stepUpPasskeyOptions(db: Db, caller: Viewer | null, party: RelyingParty, now = new Date()): Promise<AuthenticationOptions | null> {
  const door = guard(caller, "twoStep.own");
  if (!door.ok) return null;
  return passkeyAuthenticationOptions(db, door.actor.id, party, now);
}

/** "Confirm it is you" with a passkey: throttled like a code; a good answer vouches for this session 10 minutes. */
export async function confirmIdentityWithPasskey(
  db: Db,
  caller: Viewer | null,
  response: unknown,
  party: RelyingParty,
  now = new Date(),
): Promise<Result<{ method: "passkey"; retryAfter?: never }, "forbidden" | "passkeyRefused" | "throttled"> & { retryAfter?: number }> {
  const door = guard(caller, "twoStep.own");
  if (!door.ok) return door;
  const { actor } = door;
  const key = throttleKey("secondStepUser", actor.id);
  const wait = await lockedFor(db, key, now);
  if (wait > 0) return { ...fail("throttled"), retryAfter: wait };
  if (!(await verifyPasskeyAssertion(db, actor.id, response, party, now))) {
    await recordFailure(db, "secondStepUser", key, now);
    return fail("passkeyRefused");
  }
  await clearFailures(db, key);
  await db.transaction(async (tx) => {
    await markSessionChecked(tx, actor.sessionId, now);
    await recordAudit(tx, { organizationId: actor.organization.id, actorId: actor.id, action: "session.identityConfirmed", target: actor.email, data: { method: "passkey" } });
  });
  return { ok: true, method: "passkey" };
}
