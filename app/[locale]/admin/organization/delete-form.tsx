"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ConfirmByTyping } from "@/components/ui/confirm-by-typing";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { idle } from "@/lib/core/form-state";
import { deleteOrganizationAction } from "./actions";

export function DeleteForm({ name }: { name: string }) {
  const t = useTranslations("OrganizationPage");
  const [state, formAction] = useActionState(deleteOrganizationAction, idle);
  const errors = useFormErrors(state);
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={errors.title} items={errors.summary} />
      <ConfirmByTyping
        id="deleteConfirmation"
        expected={name}
        label={t("deleteConfirmLabel", { name })}
        hint={t("deleteConfirmHint")}
        errors={errors.fieldErrors("deleteConfirmation")}
        defaultValue={state.values?.confirmation}
        submitLabel={t("deleteButton")}
        pendingLabel={t("deletePending")}
      >
        <Field id="deletePassword" label={t("password")} hint={t("passwordHint")} errors={errors.fieldErrors("deletePassword")}>
          <TextInput id="deletePassword" name="password" type="password" autoComplete="current-password" required hint errors={errors.fieldErrors("deletePassword")} />
        </Field>
      </ConfirmByTyping>
    </form>
  );
}
