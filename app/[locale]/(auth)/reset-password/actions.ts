"use server";

import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { isLocale, type AppLocale } from "@/i18n/locales";
import { formState, type FormState } from "@/lib/core/form-state";
import { resetPassword } from "@/lib/auth/password-reset";
import { sendMail } from "@/lib/mail/mailer";

export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const requested = await getLocale();
  const locale: AppLocale = isLocale(requested) ? requested : "en";
  const result = await resetPassword(await getDb(), {
    token: formData.get("token"),
    newPassword: formData.get("newPassword") ?? undefined,
    confirmPassword: formData.get("confirmPassword") ?? undefined,
  });
  if (!result.ok) return formState(result, { errorCode: (error) => (error === "validation" ? "validation" : "resetLinkUnavailable") });
  await sendMail(result.mail);
  // Every session, this browser's included, ended with the reset: sign in with the new password.
  redirect(`/${locale}/sign-in?reset=done`);
}
