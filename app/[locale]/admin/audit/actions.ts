"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { setAuditRetention } from "@/lib/audit/retention";
import { formFields, formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { getViewer } from "@/lib/auth/viewer";

export async function setAuditRetentionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await setAuditRetention(await getDb(), await getViewer(), formFields(formData));
  if (result.ok) revalidatePath("/[locale]/admin/audit", "page");
  return formState(result, { values: submittedValues(formData, ["days"]), success: () => ({ code: "retentionSaved" }) });
}
