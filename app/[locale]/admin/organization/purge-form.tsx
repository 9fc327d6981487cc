"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ConfirmByTyping } from "@/components/ui/confirm-by-typing";
import { ErrorSummary } from "@/components/ui/error-summary";
import { idle } from "@/lib/core/form-state";
import { purgeChatsAction } from "./actions";

export function PurgeForm({ name }: { name: string }) {
  const t = useTranslations("OrganizationPage");
  const [state, formAction] = useActionState(purgeChatsAction, idle);
  const errors = useFormErrors(state);
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={errors.title} items={errors.summary} />
      <ConfirmByTyping
        id="purgeConfirmation"
        expected={name}
        label={t("purgeConfirmLabel", { name })}
        hint={t("purgeConfirmHint")}
        errors={errors.fieldErrors("purgeConfirmation")}
        defaultValue={state.values?.confirmation}
        submitLabel={t("purgeButton")}
        pendingLabel={t("purgePending")}
      />
    </form>
  );
}
