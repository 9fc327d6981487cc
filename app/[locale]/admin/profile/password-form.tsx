"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { formMessages } from "@/components/forms/form-messages";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";
import { changePasswordAction } from "./actions";

export function PasswordForm() {
  const t = useTranslations("Profile");
  const tCommon = useTranslations("Common");
  const [state, formAction] = useActionState(changePasswordAction, idle);
  // The action answers with its codes translated (withMessages): the page carries no Errors catalogue.
  const errors = formMessages(state, { currentPassword: t("currentPassword"), newPassword: t("newPassword"), confirmPassword: t("confirmPassword") });
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
      <NewPasswordFields
        labels={{ newPassword: t("newPassword"), newPasswordHint: t("newPasswordHint"), confirmPassword: t("confirmPassword") }}
        fieldErrors={errors.fieldErrors}
      />
      <SubmitButton pendingLabel={tCommon("saving")}>{t("changePassword")}</SubmitButton>
    </form>
  );
}
