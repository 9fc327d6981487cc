import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Db } from "@/db";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/core/passwords";
import { guard } from "@/lib/core/guard";
import { fail, type Result } from "@/lib/core/result";
import { passwordChangeSchema, profileSchema } from "./schemas";
import { auditActorOf, type Viewer } from "@/lib/core/actor";
import type { Mail } from "@/lib/mail/mailer";
import { passwordChangedMail, revokeSessions } from "@/lib/sessions/sessions";

export type ProfileError = "forbidden" | "validation" | "wrongPassword";

/** Saves one's own display name and language. */
export async function updateProfile(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ name: string; locale: "fr" | "en"; changed: boolean }, ProfileError>> {
  const door = guard(caller, "profile.edit", profileSchema, input);
  if (!door.ok) return door;
  const { actor } = door;
  const { name, locale } = door.input;
  if (name === actor.name && locale === actor.locale) return { ok: true, name, locale, changed: false };
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name, locale }).where(eq(users.id, actor.id));
    await recordAudit(tx, {
      organizationId: actor.organization.id,
      ...auditActorOf(actor),
      action: "profile.updated",
      target: actor.email,
      data: { from: { name: actor.name, locale: actor.locale }, to: { name, locale } },
    });
  });
  return { ok: true, name, locale, changed: true };
}

/**
 * Changes one's own password after checking the current one: every other session of the account
 * ends, this browser stays signed in, and the person gets an email about it.
 */
export async function changePassword(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ endedSessions: number; mail: Mail }, ProfileError>> {
  const door = guard(caller, "profile.edit", passwordChangeSchema, input);
  if (!door.ok) return door;
  const { actor, input: parsed } = door;
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(parsed.currentPassword, user.passwordHash))) {
    return fail("wrongPassword", { currentPassword: ["wrongPassword"] });
  }
  const passwordHash = await hashPassword(parsed.newPassword);
  const endedSessions = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.id));
    const ended = await revokeSessions(tx, actor.id, "passwordChanged", { except: actor.sessionId ?? null });
    await recordAudit(tx, {
      organizationId: actor.organization.id,
      ...auditActorOf(actor),
      action: "profile.passwordChanged",
      target: actor.email,
      data: { endedSessions: ended },
    });
    return ended;
  });
  return { ok: true, endedSessions, mail: passwordChangedMail(actor) };
}
