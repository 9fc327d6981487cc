"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/viewer";
import { formFields } from "@/lib/core/form-state";
import { sendMail } from "@/lib/mail/mailer";
import { resetMemberTwoStep } from "@/lib/two-step/policy";

export async function resetMemberTwoStepAction(formData: FormData): Promise<void> {
  const result = await resetMemberTwoStep(await getDb(), await getViewer(), formFields(formData));
  const locale = await getLocale();
  revalidatePath(`/${locale}/admin/members`);
  if (!result.ok) redirect(`/${locale}/admin/members?${new URLSearchParams({ error: result.error })}`);
  await sendMail(result.mail);
  redirect(`/${locale}/admin/members?${new URLSearchParams({ notice: "twoStepReset", email: result.member.email })}`);
}
