"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/forms/form-action";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { Link } from "@/i18n/link";
import { buttonClass } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";
import type { Plan } from "@/lib/core/plans";

/** The second step of a plan change: the consequences are already on screen; this confirms them. */
export function ConfirmPlanForm({ plan, current, action }: { plan: Plan; current: Plan; action: FormAction }) {
  const t = useTranslations("BillingPage");
  const tPlans = useTranslations("Plans");
  const [state, formAction] = useActionState(action, idle);
  const errors = useFormErrors(state);
  return (
    <form action={formAction} className="space-y-4">
      <ErrorSummary title={errors.title} items={errors.summary.map((item) => ({ message: item.message }))} />
      <input type="hidden" name="plan" value={plan} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel={t("changing")}>{t("confirm", { plan: tPlans(plan) })}</SubmitButton>
        <Link href="/admin/billing" className={buttonClass("secondary")}>{t("cancel", { plan: tPlans(current) })}</Link>
      </div>
    </form>
  );
}
