"use server";

import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { isLocale } from "@/i18n/locales";
import { submittedValues, type FormState } from "@/lib/core/form-state";
import { email as emailSchema } from "@/lib/core/schemas";
import { ssoConnectionForEmail } from "@/lib/sso/connections";
import { safeReturnPath } from "@/lib/sso/routes";

/** Email first: people of an SSO domain go to the start route, which posts to their identity provider. */
export async function startSsoAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["email", "callbackUrl"]);
  const parsed = emailSchema.safeParse(formData.get("email"));
  if (!parsed.success) return { status: "error", code: "validation", fields: { email: [parsed.error.issues[0]?.message ?? "invalidEmail"] }, values };
  const found = await ssoConnectionForEmail(await getDb(), parsed.data);
  if (!found) return { status: "error", code: "notSso", fields: { email: ["notSso"] }, values };
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "en";
  const callbackUrl = safeReturnPath(formData.get("callbackUrl"), locale);
  redirect(`/api/saml/${found.organizationId}/start?locale=${locale}&callbackUrl=${encodeURIComponent(callbackUrl)}`);
}
