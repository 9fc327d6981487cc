"use client";

import { useActionState } from "react";
import type { FormAction } from "@/components/forms/form-action";
import { formMessages } from "@/components/forms/form-messages";
import { Link } from "@/i18n/link";
import { buttonClass } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";
import type { Plan } from "@/lib/core/plans";

/**
 * The second step of a plan change: the consequences are already on screen; this confirms them.
 * Its words come translated from the page, its errors from the action (`withMessages`).
 */
export function ConfirmPlanForm({ plan, action, text }: { plan: Plan; action: FormAction; text: { submit: string; pending: string; cancel: string } }) {
  const [state, formAction] = useActionState(action, idle);
  const errors = formMessages(state);
  return (
    <form action={formAction} className="space-y-4">
      <ErrorSummary title={errors.title} items={errors.summary.map((item) => ({ message: item.message }))} />
      <input type="hidden" name="plan" value={plan} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel={text.pending}>{text.submit}</SubmitButton>
        <Link href="/admin/billing" className={buttonClass("secondary")}>{text.cancel}</Link>
      </div>
    </form>
  );
}
