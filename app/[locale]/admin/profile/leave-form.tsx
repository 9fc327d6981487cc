"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ConfirmByTyping } from "@/components/ui/confirm-by-typing";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { idle } from "@/lib/core/form-state";
import { leaveOrganizationAction } from "./actions";

export function LeaveForm({ email }: { email: string }) {
  const t = useTranslations("Profile");
  const [state, formAction] = useActionState(leaveOrganizationAction, idle);
  const errors = useFormErrors(state, { confirmation: t("leaveConfirmLabel", { email }), password: t("leavePassword") });
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={errors.title} items={errors.summary} />
      <ConfirmByTyping
        id="confirmation"
        expected={email}
        label={t("leaveConfirmLabel", { email })}
        hint={t("leaveConfirmHint")}
        errors={errors.fieldErrors("confirmation")}
        defaultValue={state.values?.confirmation}
        submitLabel={t("leaveButton")}
        pendingLabel={t("leavePending")}
      >
        <Field id="password" label={t("leavePassword")} errors={errors.fieldErrors("password")}>
          <TextInput id="password" name="password" type="password" autoComplete="current-password" required errors={errors.fieldErrors("password")} />
        </Field>
      </ConfirmByTyping>
    </form>
  );
}
