"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";
import { CheckInbox } from "../check-inbox";
import { forgotPasswordAction } from "./actions";

export function ForgotPasswordForm() {
  const t = useTranslations("ForgotPassword");
  const [state, formAction] = useActionState(forgotPasswordAction, idle);
  const errors = useFormErrors(state, { email: t("email") });
  if (state.status === "success" && state.code === "resetRequested") {
    return (
      <CheckInbox title={t("sent.title")} mail={String(state.data?.mail)}>
        {t("sent.body", { email: String(state.data?.email) })}
      </CheckInbox>
    );
  }
  return (
    <form action={formAction} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <ErrorSummary title={errors.title} items={errors.summary} />
      <Field id="email" label={t("email")} hint={t("emailHint")} errors={errors.fieldErrors("email")}>
        <TextInput id="email" name="email" type="email" autoComplete="username" required hint defaultValue={state.values?.email ?? ""} errors={errors.fieldErrors("email")} />
      </Field>
      <SubmitButton pendingLabel={t("pending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
