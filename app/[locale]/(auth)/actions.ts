"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { getLocale } from "next-intl/server";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { isLocale, type AppLocale } from "@/i18n/locales";
import { signUp } from "@/lib/auth/accounts";
import { clientAddressFrom } from "@/lib/core/client-address";
import { absoluteLink } from "@/lib/core/origin";
import { composeMail, sendMail } from "@/lib/mail/mailer";
import { signIn, signOut } from "@/lib/auth/next-auth";
import { formFields, submittedValues, type FormState } from "@/lib/core/form-state";
import { fieldErrors, signInSchema } from "@/lib/core/schemas";
import { ssoConnectionForEmail } from "@/lib/sso/connections";

/** A same-site path to return to after sign-in, in the person's saved language. */
function destination(callbackUrl: unknown, locale: AppLocale, fallback: string): string {
  const raw = typeof callbackUrl === "string" ? callbackUrl : "";
  const safe = raw.startsWith("/") && !raw.startsWith("//") && !raw.includes("\\") ? raw : fallback;
  const [, first, ...rest] = safe.split("/");
  return isLocale(first) ? `/${[locale, ...rest].join("/")}` : `/${locale}${safe === "/" ? "" : safe}`;
}

async function isAdminOf(organizationId: string, email: string): Promise<boolean> {
  const [user] = await (await getDb()).select({ role: users.role, organizationId: users.organizationId }).from(users).where(eq(users.email, email));
  return user?.role === "admin" && user.organizationId === organizationId;
}

async function rememberLocale(locale: AppLocale) {
  (await cookies()).set("NEXT_LOCALE", locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
}

function refusalCode(error: AuthError): string {
  const code = (error as AuthError & { code?: string }).code;
  if (error.type === "CredentialsSignin") {
    if (code === "throttled") return "throttled";
    if (code === "organizationDeleted") return "organizationDeleted";
    return "invalidCredentials";
  }
  return "generic";
}

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["email", "callbackUrl"]);
  const parsed = signInSchema.safeParse(formFields(formData));
  if (!parsed.success) return { status: "error", code: "validation", fields: fieldErrors(parsed.error), values };
  // A domain with mandatory SSO signs its people in at their identity provider; Admins keep their password to recover.
  const sso = await ssoConnectionForEmail(await getDb(), parsed.data.email);
  if (sso?.ssoRequired && !(await isAdminOf(sso.organizationId, parsed.data.email))) {
    const requested = await getLocale();
    const target = destination(formData.get("callbackUrl"), isLocale(requested) ? requested : "en", "/studio");
    redirect(`/api/saml/${sso.organizationId}/start?locale=${requested}&callbackUrl=${encodeURIComponent(target)}`);
  }
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) return { status: "error", code: refusalCode(error), values };
    throw error;
  }
  const db = await getDb();
  const [user] = await db.select({ locale: users.locale }).from(users).where(eq(users.email, parsed.data.email));
  const locale = user?.locale ?? (await getLocale());
  await rememberLocale(locale as AppLocale);
  redirect(destination(formData.get("callbackUrl"), locale as AppLocale, "/studio"));
}

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["organizationName", "name", "email"]);
  const requested = await getLocale();
  const locale: AppLocale = isLocale(requested) ? requested : "en";
  const fields = formFields(formData);
  const result = await signUp(await getDb(), fields, { locale, clientAddress: clientAddressFrom(await headers()) });
  if (!result.ok && result.error === "throttled") {
    return { status: "error", code: "signUpThrottled", values, data: { minutes: Math.ceil((result.retryAfter ?? 60) / 60) } };
  }
  if (!result.ok) return { status: "error", code: result.error, fields: result.fields, values };
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
  await rememberLocale(locale);
  redirect(`/${locale}/admin`);
}

export async function signOutAction(): Promise<void> {
  const locale = await getLocale();
  await signOut({ redirectTo: `/${locale}/sign-in` });
}
