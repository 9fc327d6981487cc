"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { isLocale, type AppLocale } from "@/i18n/locales";
import { signIn, signOut } from "@/lib/auth/next-auth";
import { formFields, formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { isTokenShaped } from "@/lib/core/tokens";
import { acceptInvitation } from "@/lib/members/invitations";

export async function acceptInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const requested = await getLocale();
  const locale: AppLocale = isLocale(requested) ? requested : "en";
  const fields = formFields(formData);
  const result = await acceptInvitation(await getDb(), { ...fields, token: fields.token }, { locale });
  if (!result.ok) return formState(result, { values: submittedValues(formData, ["name"]) });
  try {
    await signIn("credentials", { email: result.user.email, password: fields.password, redirect: false });
  } catch (error) {
    // The account exists; if signing in is refused now (throttled), the sign-in page explains.
    if (error instanceof AuthError) redirect(`/${locale}/sign-in`);
    throw error;
  }
  redirect(`/${locale}/studio`);
}

/** For a visitor signed in as someone else: sign out, then come back to the same invitation. */
export async function signOutAndContinueAction(formData: FormData): Promise<void> {
  const locale = await getLocale();
  const token = String(formData.get("token") ?? "");
  await signOut({ redirectTo: isTokenShaped(token) ? `/${locale}/invite/${token}` : `/${locale}/sign-in` });
}
