"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { OutcomeNotice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle, type FormState } from "@/lib/core/form-state";

/** Enterprise: how many days the audit log keeps events (empty: forever). */
export function RetentionForm({ days, action }: { days: number | null; action: (previous: FormState, formData: FormData) => Promise<FormState> }) {
  const t = useTranslations("AuditPage");
  const tErrors = useTranslations("Errors");
  const [state, formAction] = useActionState(action, idle);
  // Every refusal setAuditRetention can answer, each key written out: the page hands down only these messages.
  const code = state.status === "error" ? (state.fields?.days?.[0] ?? state.code) : undefined;
  const message =
    state.status !== "error" ? null : code === "invalidDays" ? t("invalidDays") : code === "forbidden" ? tErrors("forbidden") : code === "planRequired" ? tErrors("planRequired") : tErrors("generic");
  const errors = message && state.fields?.days ? [message] : undefined;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={tErrors("summaryTitle")} items={message ? [errors ? { field: "days", message } : { message }] : []} />
      <div aria-live="polite">{state.status === "success" ? <OutcomeNotice success>{t("retentionSaved")}</OutcomeNotice> : null}</div>
      <Field id="days" label={t("retentionLabel")} hint={t("retentionHint")} errors={errors}>
        <TextInput id="days" name="days" inputMode="numeric" hint autoComplete="off" defaultValue={state.status === "error" ? (state.values?.days ?? "") : (days?.toString() ?? "")} errors={errors} />
      </Field>
      <SubmitButton pendingLabel={t("retentionSaving")}>{t("retentionSave")}</SubmitButton>
    </form>
  );
}
