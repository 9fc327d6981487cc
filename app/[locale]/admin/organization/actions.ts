"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { redirect } from "@/i18n/navigation";
import { withMessages } from "@/i18n/form-messages";
import { formFields, formState, submittedValues, type Answer, type FormState } from "@/lib/core/form-state";
import { renameOrganization, requestChatPurge, requestOrganizationDeletion } from "@/lib/organizations/organizations";
import { getViewer } from "@/lib/auth/viewer";
import { wakeWorker } from "@/lib/jobs/worker";
import { absoluteLink } from "@/lib/core/origin";
import { previewRetention, setRetentionPolicy } from "@/lib/lifecycle/retention";
import { requestExport } from "@/lib/lifecycle/exports";

export async function renameOrganizationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await renameOrganization(await getDb(), await getViewer(), formFields(formData));
  if (result.ok && result.changed) revalidatePath("/", "layout");
  const t = await getTranslations("OrganizationPage");
  const state = formState(result, {
    values: submittedValues(formData, ["name"]),
    success: ({ changed, name }) => ({ code: changed ? "renamed" : "unchanged", values: { name } }),
  });
  return withMessages(state, result.ok ? (result.changed ? t("renamed", { name: result.name }) : t("unchanged")) : undefined);
}

// Two forms of the page ask for `confirmation`: each gives its field its own ID on the page.
export async function purgeChatsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await requestChatPurge(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return withMessages(formState(result, { values: submittedValues(formData, ["confirmation"]), fieldIds: { confirmation: "purgeConfirmation" } }));
  wakeWorker();
  revalidatePath("/", "layout");
  return redirect({ href: "/admin/organization#purge", locale: await getLocale() });
}

export async function deleteOrganizationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await requestOrganizationDeletion(await getDb(), await getViewer(), formFields(formData), { origin: await absoluteLink("") });
  if (!result.ok) {
    const fieldIds = { confirmation: "deleteConfirmation", password: "deletePassword" };
    return withMessages(formState(result, { values: submittedValues(formData, ["confirmation"]), fieldIds }));
  }
  wakeWorker();
  // The organization is gone (or locked for its grace period) for everyone from now on.
  const reason = result.scheduledFor ? "organizationScheduledForDeletion" : "organizationDeleted";
  return redirect({ href: { pathname: "/signed-out", query: { reason } }, locale: await getLocale() });
}

// The retention form: "preview" says what the setting would delete now; "save" saves it.
export async function retentionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const db = await getDb();
  const viewer = await getViewer();
  const fields = formFields(formData);
  const values = submittedValues(formData, ["enabled", "days"]);
  const t = await getTranslations("DataLifecycle");
  if (fields.intent === "save") {
    const result = await setRetentionPolicy(db, viewer, fields);
    if (result.ok && result.changed) revalidatePath("/", "layout");
    const state = formState(result, {
      values,
      fieldIds: { days: "retentionDays" },
      success: ({ days, changed }): Answer => ({ code: changed ? "saved" : "unchanged", values, data: days === null ? {} : { days } }),
    });
    if (!result.ok) return withMessages(state);
    if (!result.changed) return withMessages(state, t("retentionUnchanged"));
    return withMessages(state, result.days === null ? t("retentionSavedOff") : t("retentionSaved", { days: result.days }));
  }
  const result = await previewRetention(db, viewer, fields);
  const state = formState(result, {
    values,
    fieldIds: { days: "retentionDays" },
    success: ({ days, chats, messages }): Answer => ({ code: "preview", values, data: days === null ? { chats, messages } : { days, chats, messages } }),
  });
  if (!result.ok) return withMessages(state);
  return withMessages(state, result.days === null ? t("retentionPreviewOff") : t("retentionPreview", { chats: result.chats, messages: result.messages }));
}

export async function requestExportAction(): Promise<void> {
  const result = await requestExport(await getDb(), await getViewer());
  if (result.ok) wakeWorker();
  revalidatePath("/", "layout");
  return redirect({ href: "/admin/organization#export", locale: await getLocale() });
}
