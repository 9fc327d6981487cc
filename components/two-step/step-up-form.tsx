"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle, type FormState } from "@/lib/core/form-state";

/** "Confirm it is you": a code (or a recovery code) for people with two-step sign-in, else the password. */
export function StepUpForm({ withCode, returnTo, action }: { withCode: boolean; returnTo: string; action: (previous: FormState, formData: FormData) => Promise<FormState> }) {
  const t = useTranslations("StepUp");
  const [state, formAction] = useActionState(action, idle);
  const errors = useFormErrors(state, { code: t("code"), recoveryCode: t("recoveryCode"), password: t("password") });
  return (
    <form action={formAction} noValidate className="space-y-5">
      <ErrorSummary title={errors.title} items={errors.summary} />
      <input type="hidden" name="returnTo" value={state.values?.returnTo ?? returnTo} />
      {withCode ? (
        <>
          <Field id="code" label={t("code")} errors={errors.fieldErrors("code")}>
            <TextInput id="code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={9} errors={errors.fieldErrors("code")} />
          </Field>
          <Field id="recoveryCode" label={t("recoveryCode")} errors={errors.fieldErrors("recoveryCode")}>
            <TextInput id="recoveryCode" name="recoveryCode" autoComplete="off" spellCheck={false} errors={errors.fieldErrors("recoveryCode")} />
          </Field>
        </>
      ) : (
        <Field id="password" label={t("password")} errors={errors.fieldErrors("password")}>
          <TextInput id="password" name="password" type="password" autoComplete="current-password" required errors={errors.fieldErrors("password")} />
        </Field>
      )}
      <SubmitButton pendingLabel={t("pending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
