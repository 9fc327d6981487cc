"use server";

import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { isLocale } from "@/i18n/locales";
import { formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { validate } from "@/lib/core/guard";
import { email } from "@/lib/core/schemas";
import { z } from "zod";
import { ssoConnectionForEmail } from "@/lib/sso/connections";
import { safeReturnPath } from "@/lib/sso/routes";

/** Email first: people of an SSO domain go to the start route, which posts to their identity provider. */
export async function startSsoAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["email", "callbackUrl"]);
  const parsed = validate(z.object({ email }), { email: formData.get("email") ?? undefined });
  if (!parsed.ok) return formState(parsed, { values });
  const found = await ssoConnectionForEmail(await getDb(), parsed.input.email);
  if (!found) return { status: "error", code: "notSso", fields: { email: ["notSso"] }, values };
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "en";
  const callbackUrl = safeReturnPath(formData.get("callbackUrl"), locale);
  redirect(`/api/saml/${found.organizationId}/start?locale=${locale}&callbackUrl=${encodeURIComponent(callbackUrl)}`);
}
