import "server-only";
import { eq } from "drizzle-orm";
import { organizations, users, type Locale } from "@/db/schema";
import type { Db } from "@/db";
import { recordAudit } from "@/lib/audit/record";
import { consumeEmailToken, issueEmailToken, lookupEmailToken, type EmailTokenLookup } from "@/lib/mail/email-tokens";
import { composeMail, type Mail } from "@/lib/mail/mailer";
import { hashPassword } from "@/lib/core/passwords";
import { fail, type Result } from "@/lib/core/result";
import { validate } from "@/lib/core/guard";
import { forgotPasswordSchema, resetPasswordSchema } from "./schemas";
import { mandatorySsoFor } from "@/lib/sso/connections";
import { passwordChangedMail, revokeSessions } from "@/lib/sessions/sessions";
import { clearFailures, lockedFor, recordFailure, throttleKey } from "@/lib/core/throttle";

async function accountOf(db: Db, address: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, locale: users.locale, organizationId: users.organizationId, status: organizations.status })
    .from(users)
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(eq(users.email, address));
  return row?.status === "active" ? row : undefined;
}

/**
 * "Forgot your password?": answers the same whether or not the account exists — only the mail
 * differs, and there is none for an unknown address. Requests are throttled per email and per
 * client address, because each one may send a mail.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: unknown; clientAddress?: string | null },
  options: { linkFor: (token: string, locale: Locale) => string; now?: Date },
): Promise<Result<{ mail: Mail | null }, "validation" | "throttled">> {
  const parsed = validate(forgotPasswordSchema, { email: input.email });
  if (!parsed.ok) return parsed;
  const now = options.now ?? new Date();
  const address = parsed.input.email;
  const emailKey = throttleKey("resetEmail", address);
  const addressKey = input.clientAddress ? throttleKey("resetAddress", input.clientAddress) : null;
  const waits = await Promise.all([lockedFor(db, emailKey, now), addressKey ? lockedFor(db, addressKey, now) : 0]);
  if (Math.max(...waits) > 0) return fail("throttled");
  await recordFailure(db, "resetEmail", emailKey, now);
  if (addressKey) await recordFailure(db, "resetAddress", addressKey, now);

  const account = await accountOf(db, address);
  if (!account) return { ok: true, mail: null };
  if (await mandatorySsoFor(db, account.email)) {
    return { ok: true, mail: composeMail(address, account.locale, "passwordResetSso", { name: account.name }) };
  }
  const token = await issueEmailToken(db, { purpose: "passwordReset", email: address }, now);
  return { ok: true, mail: composeMail(address, account.locale, "passwordReset", { name: account.name, link: options.linkFor(token, account.locale) }) };
}

export type ResetLinkLookup = EmailTokenLookup | { status: "ssoRequired" };

/** What a reset link leads to now; reading it never uses it up. */
export async function lookupPasswordReset(db: Db, token: unknown, now = new Date()): Promise<ResetLinkLookup> {
  const link = await lookupEmailToken(db, "passwordReset", token, now);
  if (link.status !== "valid") return link;
  const account = await accountOf(db, link.email);
  if (!account) return { status: "unknown" };
  if (await mandatorySsoFor(db, account.email)) return { status: "ssoRequired" };
  return link;
}

export type ResetPasswordError = "validation" | "expired" | "used" | "unknown" | "ssoRequired";

/**
 * Sets a new password through a reset link, once. Every session of the account is ended, the
 * sign-in lock of that email is lifted, and the organization's audit log records it.
 */
export async function resetPassword(
  db: Db,
  input: { token: unknown } & Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ email: string; locale: "fr" | "en"; mail: Mail }, ResetPasswordError>> {
  const parsed = validate(resetPasswordSchema, input);
  if (!parsed.ok) return parsed;
  const link = await lookupPasswordReset(db, input.token, now);
  if (link.status !== "valid") return fail(link.status);
  const passwordHash = await hashPassword(parsed.input.newPassword);
  return db.transaction(async (tx) => {
    const claimed = await consumeEmailToken(tx, "passwordReset", input.token, now);
    if (claimed.status !== "valid") return fail(claimed.status);
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.email, claimed.email))
      .returning({ id: users.id, name: users.name, organizationId: users.organizationId, locale: users.locale });
    if (!user) return fail("unknown");
    await revokeSessions(tx, user.id, "passwordReset", { now });
    await clearFailures(tx, throttleKey("email", claimed.email));
    await recordAudit(tx, { organizationId: user.organizationId, actorId: user.id, action: "profile.passwordReset", target: claimed.email });
    return { ok: true as const, email: claimed.email, locale: user.locale, mail: passwordChangedMail({ email: claimed.email, name: user.name, locale: user.locale }) };
  });
}
