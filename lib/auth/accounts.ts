import "server-only";
import { eq } from "drizzle-orm";
import { organizations, users, type Locale } from "@/db/schema";
import type { Db } from "@/db";
import { recordAudit } from "@/lib/audit/record";
import { isUniqueViolation } from "@/lib/core/db";
import { findJoinableDomain } from "@/lib/domains/domain-join";
import { startJoinConfirmation } from "@/lib/domains/join-confirmation";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "@/lib/core/passwords";
import { mandatorySsoFor } from "@/lib/sso/connections";
import { fail, type Result } from "@/lib/core/result";
import { validate } from "@/lib/core/guard";
import { signInSchema, signUpSchema } from "./schemas";
import { clearFailures, lockedFor, recordFailure, throttleKey } from "@/lib/core/throttle";

export type SignedInUser = { id: string; organizationId: string; locale: Locale };

export type AuthenticateError = "invalid" | "throttled" | "organizationDeleted" | "organizationScheduledForDeletion";

/**
 * Checks an email and password. Unknown email and wrong password answer the same, in the same
 * time; repeated failures lock the email and the client address for a while.
 */
export async function authenticate(
  db: Db,
  input: { email: unknown; password: unknown; clientAddress?: string | null },
): Promise<Result<{ user: SignedInUser; retryAfter?: never }, AuthenticateError> & { retryAfter?: number }> {
  const parsed = validate(signInSchema, input, () => fail("invalid"));
  if (!parsed.ok) return parsed;
  const { email, password } = parsed.input;
  const emailKey = throttleKey("email", email);
  const addressKey = input.clientAddress ? throttleKey("address", input.clientAddress) : null;

  const waits = await Promise.all([lockedFor(db, emailKey), addressKey ? lockedFor(db, addressKey) : 0]);
  const retryAfter = Math.max(...waits);
  if (retryAfter > 0) return { ...fail("throttled"), retryAfter };

  const [row] = await db
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(eq(users.email, email));

  const matches = row ? await verifyPassword(password, row.user.passwordHash) : await verifyAgainstDecoy(password);
  if (!row || !matches) {
    await recordFailure(db, "email", emailKey);
    if (addressKey) await recordFailure(db, "address", addressKey);
    // The account's own log says someone tried it; what they typed is never written anywhere.
    if (row) {
      await recordAudit(db, {
        organizationId: row.user.organizationId,
        actorId: null,
        action: "session.signInFailed",
        target: row.user.email,
        data: { address: input.clientAddress?.slice(0, 100) ?? null },
        context: { clientAddress: input.clientAddress?.slice(0, 100) ?? null },
      });
    }
    return fail("invalid");
  }
  // Within a deletion's grace period nobody signs in; an Admin restores through the emailed link.
  if (row.organization.status === "scheduled_deletion") return fail("organizationScheduledForDeletion");
  if (row.organization.status !== "active") return fail("organizationDeleted");
  if (await mandatorySsoFor(db, row.user.email)) return fail("invalid");
  await clearFailures(db, emailKey);
  return { ok: true, user: { id: row.user.id, organizationId: row.user.organizationId, locale: row.user.locale } };
}

export type SignUpError = "validation" | "emailTaken" | "throttled";

export type SignUpOutcome =
  | { user: SignedInUser; confirmationSent?: never }
  | { user?: never; confirmationSent: { email: string; token: string | null; organizationName: string } };

/**
 * Creates an organization and its first person, who is Admin and holds the Billing role — unless
 * the email's domain is verified by an organization that lets its people join: then nothing is
 * created until the person opens the link emailed to that address (lib/domains/join-confirmation.ts).
 */
export async function signUp(
  db: Db,
  input: Record<string, unknown>,
  options: { locale: Locale; clientAddress?: string | null },
): Promise<Result<SignUpOutcome & { retryAfter?: never }, SignUpError> & { retryAfter?: number }> {
  const parsed = validate(signUpSchema, input);
  if (!parsed.ok) return parsed;
  const { organizationName, name, email, password } = parsed.input;
  // Checked before scrypt runs: per email (it also bounds probing whether an address is taken) and per client address.
  const emailKey = throttleKey("signUpEmail", email);
  const addressKey = options.clientAddress ? throttleKey("signUpAddress", options.clientAddress) : null;
  const retryAfter = Math.max(await lockedFor(db, emailKey), addressKey ? await lockedFor(db, addressKey) : 0);
  if (retryAfter > 0) return { ...fail("throttled"), retryAfter };
  await recordFailure(db, "signUpEmail", emailKey);
  if (addressKey) await recordFailure(db, "signUpAddress", addressKey);
  const passwordHash = await hashPassword(password);

  try {
    return await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) return fail("emailTaken", { email: ["emailTaken"] });
    const join = await findJoinableDomain(tx, email);
    if (join) {
      // Three links an hour per address at most; past that the earlier links stay valid and no mail goes.
      const confirmKey = throttleKey("confirmEmail", email);
      if ((await lockedFor(tx, confirmKey)) > 0) return { ok: true as const, confirmationSent: { email, token: null, organizationName: join.organizationName } };
      await recordFailure(tx, "confirmEmail", confirmKey);
      const token = await startJoinConfirmation(tx, { email, name, passwordHash, locale: options.locale });
      return { ok: true as const, confirmationSent: { email, token, organizationName: join.organizationName } };
    }
    const [organization] = await tx.insert(organizations).values({ name: organizationName }).returning();
    const [user] = await tx
      .insert(users)
      .values({
        organizationId: organization!.id,
        email,
        name,
        passwordHash,
        locale: options.locale,
        role: "admin",
        billing: true,
      })
      .returning();
    await recordAudit(tx, {
      organizationId: organization!.id,
      actorId: user!.id,
      action: "organization.created",
      data: { name: organizationName },
    });
    return { ok: true as const, user: { id: user!.id, organizationId: user!.organizationId, locale: user!.locale } };
    });
  } catch (error) {
    // Two sign-ups with the same email at once: the unique index decides.
    if (isUniqueViolation(error)) return fail("emailTaken", { email: ["emailTaken"] });
    throw error;
  }
}
