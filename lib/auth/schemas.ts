import { z } from "zod";
import { currentPassword, email, newPassword, newPasswordTwice, organizationName, personName } from "@/lib/core/schemas";

/**
 * Sign-in only trims and lower-cases the email: a malformed one simply matches no account. A NUL
 * character is refused here: no account holds one, and PostgreSQL text cannot even be compared with it.
 */
export const signInSchema = z.object({
  email: z
    .string({ error: "required" })
    .trim()
    .toLowerCase()
    .min(1, { error: "required" })
    .max(254, { error: "invalidEmail" })
    .refine((value) => !value.includes("\u0000"), { error: "invalidEmail" }),
  password: currentPassword,
});

export const signUpSchema = z.object({ organizationName, name: personName, email, password: newPassword });

export const forgotPasswordSchema = z.object({ email });

/** A new password chosen through a reset link, typed twice as on the profile. */
export const resetPasswordSchema = newPasswordTwice({});
