"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { signOut } from "@/lib/auth/next-auth";
import { leaveOrganization } from "@/lib/members/members";
import { formFields, formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { withMessages } from "@/i18n/form-messages";
import { changePassword, updateProfile } from "@/lib/members/profile";
import { getViewer } from "@/lib/auth/viewer";
import { sendMail } from "@/lib/mail/mailer";
import { endOtherSessions, endOwnSession } from "@/lib/sessions/sessions";

export async function updateProfileAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const viewer = await getViewer();
  const result = await updateProfile(await getDb(), viewer, formFields(formData));
  // A new language moves the person to the same page in that language (next-intl's middleware remembers it).
  if (result.ok && viewer && result.locale !== viewer.locale) redirect(`/${result.locale}/admin/profile?saved=1`);
  if (result.ok) revalidatePath("/", "layout");
  return withMessages(
    formState(result, {
      values: submittedValues(formData, ["name", "locale"]),
      success: ({ name, locale }) => ({ code: "profileSaved", values: { name, locale } }),
    }),
  );
}

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await changePassword(await getDb(), await getViewer(), formFields(formData));
  if (result.ok) {
    await sendMail(result.mail);
    revalidatePath("/", "layout");
  }
  return withMessages(formState(result, { success: () => ({ code: "passwordChanged" }) }));
}

async function backToSessions(query: Record<string, string>): Promise<never> {
  const locale = await getLocale();
  revalidatePath(`/${locale}/admin/profile`);
  redirect(`/${locale}/admin/profile?${new URLSearchParams(query)}#sessions`);
}

export async function endSessionAction(formData: FormData): Promise<void> {
  const result = await endOwnSession(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return backToSessions({ sessionError: result.error });
  return backToSessions({ sessions: "ended" });
}

export async function endOtherSessionsAction(): Promise<void> {
  const result = await endOtherSessions(await getDb(), await getViewer());
  if (!result.ok) return backToSessions({ sessionError: result.error });
  return backToSessions({ sessions: "othersEnded" });
}

export async function leaveOrganizationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await leaveOrganization(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return withMessages(formState(result, { values: submittedValues(formData, ["confirmation"]) }));
  const locale = await getLocale();
  await signOut({ redirectTo: `/${locale}/signed-out?reason=left` });
  return { status: "success" };
}
