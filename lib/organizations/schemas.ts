import { z } from "zod";
import { currentPassword, normalizeDisplayText, organizationName } from "@/lib/core/schemas";

/** The Organization page's forms. */
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
  return z.object({ confirmation: nameConfirmation(organizationName), password: currentPassword });
}
