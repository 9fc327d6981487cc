"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { isLocale, type AppLocale } from "@/i18n/locales";
import { signIn } from "@/lib/auth/next-auth";
import { confirmJoin } from "@/lib/domains/join-confirmation";

/** The button on the confirmation page (a GET never confirms: mail scanners open links). */
export async function confirmJoinAction(formData: FormData): Promise<void> {
  const requested = await getLocale();
  const locale: AppLocale = isLocale(requested) ? requested : "en";
  const result = await confirmJoin(await getDb(), formData.get("token"));
  if (!result.ok) redirect(`/${locale}/confirm-join?outcome=${result.error}`);
  if (result.joinRequested) redirect(`/${locale}/join-requested`);
  try {
    await signIn("saml", { ticket: result.joined.loginTicket, redirect: false });
  } catch (error) {
    // The account exists; if signing in is refused now, the sign-in page takes over.
    if (error instanceof AuthError) redirect(`/${locale}/sign-in`);
    throw error;
  }
  redirect(`/${locale}/studio`);
}
