"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { changePlan } from "@/lib/billing/billing";
import { formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { getViewer } from "@/lib/auth/viewer";
import { withMessages } from "@/i18n/form-messages";

export async function changePlanAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await changePlan(await getDb(), await getViewer(), { plan: formData.get("plan") });
  if (!result.ok) return withMessages(formState(result, { values: submittedValues(formData, ["plan"]) }));
  const locale = await getLocale();
  const revoked = result.disabled.find((loss) => loss.feature === "invitations")?.affected ?? 0;
  revalidatePath(`/${locale}`, "layout");
  redirect(`/${locale}/admin/billing?changed=${result.to}&revoked=${revoked}`);
}
