"use server";

import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { redirect } from "@/i18n/navigation";
import { formFields, formState, type FormState } from "@/lib/core/form-state";
import { restoreOrganization } from "@/lib/lifecycle/deletion-grace";

export async function restoreOrganizationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await restoreOrganization(await getDb(), formFields(formData));
  if (!result.ok) return formState(result);
  // The link is spent now: the page says so from a URL of its own (the token's page would say "used").
  return redirect({ href: { pathname: "/restore-organization", query: { restored: "1" } }, locale: await getLocale() });
}
