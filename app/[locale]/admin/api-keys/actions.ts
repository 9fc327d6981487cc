"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { getViewer } from "@/lib/auth/viewer";
import { formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { withMessages } from "@/i18n/form-messages";

export async function createApiKeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const scopes = formData.getAll("scopes").filter((value): value is string => typeof value === "string");
  const input = { name: formData.get("name"), expiry: formData.get("expiry"), scopes };
  const result = await createApiKey(await getDb(), await getViewer(), input);
  const values = { ...submittedValues(formData, ["name", "expiry"]), scopes: scopes.join(" ").slice(0, 500) };
  if (result.ok) revalidatePath(`/${await getLocale()}/admin/api-keys`);
  return withMessages(
    formState(result, {
      values,
      // The secret travels once, in this answer; it is stored nowhere but as a hash.
      success: ({ secret, key }) => ({ code: "created", data: { secret, name: key.name, prefix: key.prefix } }),
    }),
  );
}

export async function revokeApiKeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await revokeApiKey(await getDb(), await getViewer(), { keyId: formData.get("keyId") });
  if (result.ok) revalidatePath(`/${await getLocale()}/admin/api-keys`);
  return formState(result, { success: ({ key }) => ({ code: "revoked", data: { name: key.name } }) });
}
