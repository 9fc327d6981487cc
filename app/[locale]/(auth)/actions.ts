"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { isLocale, type AppLocale } from "@/i18n/locales";
import { signUp } from "@/lib/auth/accounts";
import { beginSignIn, completeSecondStep, completeSecondStepWithPasskey, pendingSecondStep, secondStepPasskeyOptions, setupDueAfterSignIn } from "@/lib/auth/two-step-sign-in";
import type { AuthenticationOptions } from "@/lib/two-step/passkeys";
import { dropPendingSignIn, holdPendingSignIn, pendingSignInToken } from "./pending-sign-in-cookie";
import { signInSchema } from "@/lib/auth/schemas";
import { clientAddressFrom } from "@/lib/core/client-address";
import { validate } from "@/lib/core/guard";
import { absoluteLink, publicOrigin } from "@/lib/core/origin";
import { composeMail, sendMail } from "@/lib/mail/mailer";
import { signIn, signOut } from "@/lib/auth/next-auth";
import { formFields, formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { mandatorySsoFor } from "@/lib/sso/connections";

/** A same-site path to return to after sign-in, in the person's saved language. */
function destination(callbackUrl: unknown, locale: AppLocale, fallback: string): string {
  const raw = typeof callbackUrl === "string" ? callbackUrl : "";
  const safe = raw.startsWith("/") && !raw.startsWith("//") && !raw.includes("\\") ? raw : fallback;
  const [, first, ...rest] = safe.split("/");
  return isLocale(first) ? `/${[locale, ...rest].join("/")}` : `/${locale}${safe === "/" ? "" : safe}`;
}

function refusalCode(error: AuthError): string {
  const code = (error as AuthError & { code?: string }).code;
  if (error.type === "CredentialsSignin") {
    if (code === "throttled") return "throttled";
    if (code === "organizationDeleted") return "organizationDeleted";
    if (code === "organizationScheduledForDeletion") return "organizationScheduledForDeletion";
    return "invalidCredentials";
  }
  return "generic";
}

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["email", "callbackUrl"]);
  const parsed = validate(signInSchema, formFields(formData));
  if (!parsed.ok) return formState(parsed, { values });
  const { email, password } = parsed.input;
  const db = await getDb();
  // A domain with mandatory SSO signs its people in at their identity provider.
  const ssoOrganization = await mandatorySsoFor(db, email);
  if (ssoOrganization) {
    const requested = await getLocale();
    const target = destination(formData.get("callbackUrl"), isLocale(requested) ? requested : "en", "/studio");
    redirect(`/api/saml/${ssoOrganization}/start?locale=${requested}&callbackUrl=${encodeURIComponent(target)}`);
  }
  const result = await beginSignIn(db, { email, password, clientAddress: clientAddressFrom(await headers()) });
  if (!result.ok) {
    // Each refusal keeps its own message; only a wrong address or password is "invalid credentials".
    const code = result.error === "invalid" ? "invalidCredentials" : result.error;
    return { status: "error", code, values };
  }
  // The console opens in the person's saved language; next-intl's middleware remembers it from the URL.
  const locale = result.user.locale;
  if (result.secondStep) {
    await holdPendingSignIn(result.token);
    const callbackUrl = formData.get("callbackUrl");
    redirect(`/${locale}/sign-in/second-step${typeof callbackUrl === "string" && callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`);
  }
  const refused = await startPendingSession(result.token);
  if (refused) return { ...refused, values };
  if (await setupDueAfterSignIn(db, result.user.id)) redirect(`/${locale}/admin/profile/two-step`);
  redirect(destination(formData.get("callbackUrl"), locale, "/studio"));
}

/** Spends a token whose steps are done: Auth.js's "pending" provider starts the session row. */
async function startPendingSession(token: string): Promise<FormState | null> {
  try {
    await signIn("pending", { token, redirect: false });
    return null;
  } catch (error) {
    if (error instanceof AuthError) return { status: "error", code: refusalCode(error) };
    throw error;
  }
}

/** The second page of sign-in: a code from the app, or a recovery code. */
export async function secondStepAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["callbackUrl"]);
  const db = await getDb();
  const token = await pendingSignInToken();
  const pending = await pendingSecondStep(db, token);
  if (!pending) return { status: "error", code: "secondStepExpired", values };
  const result = await completeSecondStep(db, token, formFields(formData), { clientAddress: clientAddressFrom(await headers()) });
  if (!result.ok) return formState(result, { values, errorCode: (error) => (error === "expired" ? "secondStepExpired" : error) });
  const refused = await startPendingSession(token!);
  await dropPendingSignIn();
  if (refused) return { ...refused, values };
  redirect(destination(formData.get("callbackUrl"), pending.locale, "/studio"));
}

/** The passkey way through the second step (JavaScript): options first, then the device's answer. */
export async function passkeySignInOptionsAction(): Promise<AuthenticationOptions | null> {
  return secondStepPasskeyOptions(await getDb(), await pendingSignInToken(), { origin: publicOrigin((await headers()).get("host")) });
}

export async function passkeySignInAction(response: unknown, callbackUrl: string): Promise<FormState> {
  const db = await getDb();
  const token = await pendingSignInToken();
  const pending = await pendingSecondStep(db, token);
  if (!pending) return { status: "error", code: "secondStepExpired" };
  const result = await completeSecondStepWithPasskey(db, token, response, { party: { origin: publicOrigin((await headers()).get("host")) }, clientAddress: clientAddressFrom(await headers()) });
  if (!result.ok) return formState(result, { errorCode: (error) => (error === "expired" ? "secondStepExpired" : error) });
  const refused = await startPendingSession(token!);
  await dropPendingSignIn();
  if (refused) return refused;
  redirect(destination(callbackUrl, pending.locale, "/studio"));
}

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["organizationName", "name", "email"]);
  const requested = await getLocale();
  const locale: AppLocale = isLocale(requested) ? requested : "en";
  const fields = formFields(formData);
  const result = await signUp(await getDb(), fields, { locale, clientAddress: clientAddressFrom(await headers()) });
  if (!result.ok) return formState(result, { values, errorCode: (error) => (error === "throttled" ? "signUpThrottled" : error) });
  // The email's domain lets people join an organization: first, prove the mailbox is yours.
  if (result.confirmationSent) {
    const { email, token, organizationName } = result.confirmationSent;
    if (token === null) return { status: "success", code: "confirmationSent", values, data: { email, mail: "throttled" } };
    const link = await absoluteLink(`/${locale}/confirm-join?token=${token}`);
    const mail = await sendMail(composeMail(email, locale, "joinConfirmation", { name: fields.name?.trim() ?? "", organization: organizationName, link }));
    return { status: "success", code: "confirmationSent", values, data: { email, mail } };
  }
  try {
    await signIn("credentials", { email: fields.email?.trim().toLowerCase(), password: fields.password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) return { status: "error", code: refusalCode(error), values };
    throw error;
  }
  redirect(`/${locale}/admin`);
}

export async function signOutAction(): Promise<void> {
  const locale = await getLocale();
  await signOut({ redirectTo: `/${locale}/sign-in` });
}
