"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { Notice } from "@/components/ui/card";
import { ErrorSummary } from "@/components/ui/error-summary";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle, type FormState } from "@/lib/core/form-state";

export function StartChatForm({ action }: { action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const t = useTranslations("Chat");
  const [state, formAction] = useActionState(action, idle);
  const errors = useFormErrors(state, { message: t("message") });
  const fieldErrors = errors.fieldErrors("message");
  return (
    <form action={formAction} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <ErrorSummary title={errors.title} items={errors.summary} />
      {state.status === "success" ? (
        <div role="status">
          <Notice tone="success">{t("started", { title: String(state.data?.title ?? "") })}</Notice>
        </div>
      ) : null}
      <Field id="message" label={t("message")} hint={t("messageHint")} errors={fieldErrors}>
        <textarea
          className={`${inputClass} min-h-24`}
          name="message"
          rows={3}
          maxLength={4000}
          required
          defaultValue={state.values?.message ?? ""}
          {...describedBy("message", true, fieldErrors)}
        />
      </Field>
      <SubmitButton pendingLabel={t("starting")}>{t("start")}</SubmitButton>
    </form>
  );
}
