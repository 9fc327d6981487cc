"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/viewer";
import { formFields, formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { setTwoStepPolicy } from "@/lib/two-step/policy";
import { getTranslations } from "next-intl/server";
import { withMessages } from "@/i18n/form-messages";

export async function setTwoStepPolicyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await setTwoStepPolicy(await getDb(), await getViewer(), formFields(formData));
  if (result.ok) revalidatePath("/[locale]/admin/authentication", "page");
  return withMessages(
    formState(result, {
      values: submittedValues(formData, ["requiredFor", "graceDays"]),
      success: ({ policy }) => ({ code: "saved", values: { requiredFor: policy.requiredFor, graceDays: String(policy.graceDays) } }),
    }),
    result.ok ? (await getTranslations("TwoStepPolicy"))("saved") : undefined,
  );
}
