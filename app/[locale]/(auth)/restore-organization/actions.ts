"use server";

import { getDb } from "@/db";
import { formFields, formState, type FormState } from "@/lib/core/form-state";
import { restoreOrganization } from "@/lib/lifecycle/deletion-grace";

export async function restoreOrganizationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await restoreOrganization(await getDb(), formFields(formData));
  return formState(result, { success: ({ organizationName }) => ({ code: "restored", values: { organization: organizationName } }) });
}
