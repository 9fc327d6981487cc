"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { redirect } from "@/i18n/navigation";
import type { FieldErrors } from "@/lib/core/result";
import { formFields, submittedValues, type FormState } from "@/lib/core/form-state";
import { renameOrganization, requestChatPurge, requestOrganizationDeletion } from "@/lib/organizations/organizations";
import { getViewer } from "@/lib/auth/viewer";
import { wakeWorker } from "@/lib/jobs/worker";

/** Two forms of the page ask for `confirmation`: each gives its field its own ID on the page. */
function renameFields(fields: FieldErrors | undefined, ids: Record<string, string>): FieldErrors | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([field, codes]) => [ids[field] ?? field, codes]));
}

export async function renameOrganizationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["name"]);
  const result = await renameOrganization(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return { status: "error", code: result.error, fields: result.fields, values };
  if (result.changed) revalidatePath("/", "layout");
  return { status: "success", code: result.changed ? "renamed" : "unchanged", values: { name: result.name } };
}

export async function purgeChatsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["confirmation"]);
  const result = await requestChatPurge(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) {
    return { status: "error", code: result.error, fields: renameFields(result.fields, { confirmation: "purgeConfirmation" }), values };
  }
  wakeWorker();
  revalidatePath("/", "layout");
  return redirect({ href: "/admin/organization#purge", locale: await getLocale() });
}

export async function deleteOrganizationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["confirmation"]);
  const result = await requestOrganizationDeletion(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) {
    const fields = renameFields(result.fields, { confirmation: "deleteConfirmation", password: "deletePassword" });
    return { status: "error", code: result.error, fields, values };
  }
  wakeWorker();
  // The organization is gone for everyone from now on; the middleware signs this browser out there.
  return redirect({ href: { pathname: "/signed-out", query: { reason: "organizationDeleted" } }, locale: await getLocale() });
}
