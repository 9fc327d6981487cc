"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/form-state";
import { changePasswordAction } from "./actions";

export function PasswordForm() {
  const t = useTranslations("Profile");
  const tCommon = useTranslations("Common");
  const [state, formAction] = useActionState(changePasswordAction, idle);
  const errors = useFormErrors(state, { currentPassword: t("currentPassword"), newPassword: t("newPassword"), confirmPassword: t("confirmPassword") });
  return (
    <form action={formAction} noValidate className="space-y-5">
      <ErrorSummary title={errors.title} items={errors.summary} />
      {state.status === "success" ? (
        <div role="status">
          <Notice tone="success">{t("passwordChanged")}</Notice>
        </div>
      ) : null}
      <Field id="currentPassword" label={t("currentPassword")} errors={errors.fieldErrors("currentPassword")}>
        <TextInput id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required errors={errors.fieldErrors("currentPassword")} />
      </Field>
      <Field id="newPassword" label={t("newPassword")} hint={t("newPasswordHint")} errors={errors.fieldErrors("newPassword")}>
        <TextInput id="newPassword" name="newPassword" type="password" autoComplete="new-password" required hint errors={errors.fieldErrors("newPassword")} />
      </Field>
      <Field id="confirmPassword" label={t("confirmPassword")} errors={errors.fieldErrors("confirmPassword")}>
        <TextInput id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required errors={errors.fieldErrors("confirmPassword")} />
      </Field>
      <SubmitButton pendingLabel={tCommon("saving")}>{t("changePassword")}</SubmitButton>
    </form>
  );
}
