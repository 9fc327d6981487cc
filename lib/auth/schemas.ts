import { z } from "zod";
import { currentPassword, email, newPassword, newPasswordTwice, organizationName, personName } from "@/lib/core/schemas";

/** A NUL character or a lone UTF-16 surrogate: no account's email holds one, and a query cannot carry it. */
const unstorable = /\u0000|\p{Cs}/u;

/**
 * Sign-in only trims and lower-cases the email: a malformed one simply matches no account. One that
 * could not even be sent to the database (see `unstorable`; PGlite refused the query) is refused here.
 */
export const signInSchema = z.object({
  email: z
    .string({ error: "required" })
    .trim()
    .toLowerCase()
    .min(1, { error: "required" })
    .max(254, { error: "invalidEmail" })
    .refine((value) => !unstorable.test(value), { error: "invalidEmail" }),
  password: currentPassword,
});

export const signUpSchema = z.object({ organizationName, name: personName, email, password: newPassword });

export const forgotPasswordSchema = z.object({ email });

/** A new password chosen through a reset link, typed twice as on the profile. */
export const resetPasswordSchema = newPasswordTwice({});
