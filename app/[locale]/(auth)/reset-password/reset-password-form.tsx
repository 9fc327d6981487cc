"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("ResetPassword");
  const [state, formAction] = useActionState(resetPasswordAction, idle);
  const errors = useFormErrors(state, { newPassword: t("newPassword"), confirmPassword: t("confirmPassword") });
  return (
    <form action={formAction} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <ErrorSummary title={errors.title} items={errors.summary} />
      <input type="hidden" name="token" value={token} />
      {/* Lets a password manager store the new password for the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordFields
        labels={{ newPassword: t("newPassword"), newPasswordHint: t("newPasswordHint"), confirmPassword: t("confirmPassword") }}
        fieldErrors={errors.fieldErrors}
      />
      <SubmitButton pendingLabel={t("pending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
