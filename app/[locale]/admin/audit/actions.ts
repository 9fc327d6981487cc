"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { setAuditRetention } from "@/lib/audit/retention";
import { formFields, formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { getViewer } from "@/lib/auth/viewer";
import { withMessages } from "@/i18n/form-messages";

export async function setAuditRetentionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await setAuditRetention(await getDb(), await getViewer(), formFields(formData));
  if (result.ok) revalidatePath("/[locale]/admin/audit", "page");
  const t = await getTranslations("AuditPage");
  const state = await withMessages(
    formState(result, { values: submittedValues(formData, ["days"]), success: () => ({ code: "retentionSaved" }) }),
    result.ok ? t("retentionSaved") : undefined,
  );
  // The field's own refusal is worded by this page, not by the shared `Errors`.
  if (state.messages && state.fields?.days?.[0] === "invalidDays") state.messages.errors.invalidDays = t("invalidDays");
  return state;
}
