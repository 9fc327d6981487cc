import { z } from "zod";
import { locales } from "@/i18n/locales";

/**
 * Form schemas shared by server actions, domain functions and tests. Error messages are codes
 * (`Errors.<code>` in the message catalogues), never sentences.
 */

// Control characters and the bidirectional overrides and isolates that can disguise text.
const forbiddenCharacters = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF\uFFF9-\uFFFB]/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The visible characters of a text (an emoji with its modifiers is one). */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

export function graphemeCount(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

/** What a display text is stored as: NFC, runs of white space made one space, trimmed. */
export function normalizeDisplayText(value: string): string {
  return value.normalize("NFC").replace(/\s+/gu, " ").trim();
}

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
        .refine((value) => graphemeCount(value) <= max && value.length <= max * 8, { error: "tooLong" }),
    );
}

export const organizationName = displayText(64);
export const personName = displayText(80);

export const renameOrganizationSchema = z.object({ name: organizationName });

/** Typing the organization's exact name (normalized as names are) confirms a destructive action. */
export function nameConfirmation(expectedName: string) {
  return z
    .string({ error: "required" })
    .max(2000, { error: "confirmationMismatch" })
    .transform(normalizeDisplayText)
    .pipe(z.string().min(1, { error: "required" }).refine((value) => value.length === 0 || value === expectedName, { error: "confirmationMismatch" }));
}

export function purgeChatsSchema(organizationName: string) {
  return z.object({ confirmation: nameConfirmation(organizationName) });
}

export function deleteOrganizationSchema(organizationName: string) {
  return z.object({
    confirmation: nameConfirmation(organizationName),
    password: z.string({ error: "required" }).min(1, { error: "required" }).max(200, { error: "passwordTooLong" }),
  });
}

/**
 * A chat message: NFC, line breaks kept (as \n), trimmed, 1..4000 characters; control characters
 * other than line breaks and tabs and the direction overrides refused.
 */
export const chatMessage = z
  .string({ error: "required" })
  .transform((value) => value.normalize("NFC").replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, { error: "required" })
      .max(4000, { error: "tooLong" })
      .refine((value) => value.isWellFormed() && !forbiddenCharacters.test(value.replace(/[\n\t]/g, " ")), { error: "invalidCharacters" }),
  );

export const startChatSchema = z.object({ message: chatMessage });

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

export const signInSchema = z.object({
  email: z.string({ error: "required" }).trim().toLowerCase().min(1, { error: "required" }).max(254, { error: "invalidEmail" }),
  password: z.string({ error: "required" }).min(1, { error: "required" }).max(200, { error: "passwordTooLong" }),
});

export const signUpSchema = z.object({
  organizationName,
  name: personName,
  email,
  password: newPassword,
});

export const profileSchema = z.object({ name: personName, locale });

/** A new password typed twice: sign-up's rules for the first, and the second must match it. */
const newPasswordTwice = { newPassword, confirmPassword: z.string({ error: "required" }).min(1, { error: "required" }) };
const typedAlike = (value: { newPassword: string; confirmPassword: string }) => value.newPassword === value.confirmPassword;
const notAlike = { error: "passwordsDoNotMatch", path: ["confirmPassword"] };

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string({ error: "required" }).min(1, { error: "required" }).max(200, { error: "passwordTooLong" }),
    ...newPasswordTwice,
  })
  .refine(typedAlike, notAlike);

export const forgotPasswordSchema = z.object({ email });

/** A new password chosen through a reset link, typed twice as on the profile. */
export const resetPasswordSchema = z.object(newPasswordTwice).refine(typedAlike, notAlike);

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
