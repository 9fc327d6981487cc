"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";
import { acceptInvitationAction } from "./actions";

export function AcceptInvitationForm({ token, organization }: { token: string; organization: string }) {
  const t = useTranslations("InvitationPage");
  const [state, formAction] = useActionState(acceptInvitationAction, idle);
  const errors = useFormErrors(state, { name: t("name"), password: t("password") });
  return (
    <form action={formAction} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <ErrorSummary title={errors.title} items={errors.summary} />
      <input type="hidden" name="token" value={token} />
      <Field id="name" label={t("name")} hint={t("nameHint")} errors={errors.fieldErrors("name")}>
        <TextInput id="name" name="name" autoComplete="name" required hint defaultValue={state.values?.name ?? ""} errors={errors.fieldErrors("name")} />
      </Field>
      <Field id="password" label={t("password")} hint={t("passwordHint")} errors={errors.fieldErrors("password")}>
        <TextInput id="password" name="password" type="password" autoComplete="new-password" required hint errors={errors.fieldErrors("password")} />
      </Field>
      <SubmitButton pendingLabel={t("accepting")}>{t("accept", { organization })}</SubmitButton>
    </form>
  );
}
