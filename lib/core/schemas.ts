import { z } from "zod";
import { locales } from "@/i18n/locales";
import { forbiddenCharacters, graphemeCount, normalizeDisplayText } from "./display-text";

/**
 * Field pieces every domain's form schemas are built from (names, email, password, locale), and
 * field errors as codes. Each domain keeps its own form schemas (e.g. lib/organizations/schemas.ts).
 * Error messages are codes (`Errors.<code>` in the message catalogues), never sentences.
 */

// The text pieces live apart from zod so client components (the typed-name check) can use them
// without shipping a schema library to the browser.
export { forbiddenCharacters, leadingGraphemes, normalizeDisplayText } from "./display-text";

/** Trimmed, NFC-normalized display text of 1..max visible characters, refusing invisible tricks. */
export function displayText(max: number) {
  return z
    .string({ error: "required" })
    .transform(normalizeDisplayText)
    .pipe(
      z
        .string()
        .min(1, { error: "required" })
        .refine((value) => value.isWellFormed() && !forbiddenCharacters.test(value), { error: "invalidCharacters" })
        .refine((value) => value.length <= max * 8 && graphemeCount(value, max) <= max, { error: "tooLong" }),
    );
}

export const organizationName = displayText(64);
export const personName = displayText(80);

export const email = z
  .string({ error: "required" })
  .trim()
  .toLowerCase()
  .min(1, { error: "required" })
  .max(254, { error: "invalidEmail" })
  .pipe(z.email({ error: "invalidEmail" }));

export const newPassword = z
  .string({ error: "required" })
  .min(1, { error: "required" })
  .min(10, { error: "passwordTooShort" })
  .max(200, { error: "passwordTooLong" });

export const locale = z.enum(locales, { error: "invalidLocale" });

/** A password typed to prove who one is (sign-in, deletion, a password change): only its length is checked. */
export const currentPassword = z.string({ error: "required" }).min(1, { error: "required" }).max(200, { error: "passwordTooLong" });

const typedAlike = (value: { newPassword: string; confirmPassword: string }) => value.newPassword === value.confirmPassword;

/** A new password typed twice: sign-up's rules for the first, and the second must match it. */
export function newPasswordTwice<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .object({ ...shape, newPassword, confirmPassword: z.string({ error: "required" }).min(1, { error: "required" }) })
    .refine((value) => typedAlike(value as { newPassword: string; confirmPassword: string }), { error: "passwordsDoNotMatch", path: ["confirmPassword"] });
}

/** Field errors as codes, every error of every field (not only the first). */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const { fieldErrors: fields, formErrors } = z.flattenError(error);
  const result: Record<string, string[]> = {};
  for (const [field, codes] of Object.entries(fields)) {
    if (Array.isArray(codes) && codes.length > 0) result[field] = [...new Set(codes as string[])];
  }
  if (formErrors.length > 0) result._form = formErrors;
  return result;
}
