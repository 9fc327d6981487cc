"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { redirect } from "@/i18n/navigation";
import { formFields, formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { renameOrganization, requestChatPurge, requestOrganizationDeletion } from "@/lib/organizations/organizations";
import { getViewer } from "@/lib/auth/viewer";
import { wakeWorker } from "@/lib/jobs/worker";

export async function renameOrganizationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await renameOrganization(await getDb(), await getViewer(), formFields(formData));
  if (result.ok && result.changed) revalidatePath("/", "layout");
  return formState(result, {
    values: submittedValues(formData, ["name"]),
    success: ({ changed, name }) => ({ code: changed ? "renamed" : "unchanged", values: { name } }),
  });
}

// Two forms of the page ask for `confirmation`: each gives its field its own ID on the page.
export async function purgeChatsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await requestChatPurge(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return formState(result, { values: submittedValues(formData, ["confirmation"]), fieldIds: { confirmation: "purgeConfirmation" } });
  wakeWorker();
  revalidatePath("/", "layout");
  return redirect({ href: "/admin/organization#purge", locale: await getLocale() });
}

export async function deleteOrganizationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await requestOrganizationDeletion(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) {
    const fieldIds = { confirmation: "deleteConfirmation", password: "deletePassword" };
    return formState(result, { values: submittedValues(formData, ["confirmation"]), fieldIds });
  }
  wakeWorker();
  // The organization is gone for everyone from now on; the middleware signs this browser out there.
  return redirect({ href: { pathname: "/signed-out", query: { reason: "organizationDeleted" } }, locale: await getLocale() });
}
