"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";
import { signUpAction } from "../actions";
import { CheckInbox } from "../check-inbox";

export function SignUpForm() {
  const t = useTranslations("SignUp");
  const [state, formAction] = useActionState(signUpAction, idle);
  const errors = useFormErrors(state, { organizationName: t("organizationName"), name: t("name"), email: t("email"), password: t("password") });
  const value = (name: string) => state.values?.[name] ?? "";
  if (state.status === "success" && state.code === "confirmationSent") {
    return (
      <CheckInbox title={t("checkInbox.title")} mail={String(state.data?.mail)}>
        {t("checkInbox.body", { email: String(state.data?.email) })}
      </CheckInbox>
    );
  }
  return (
    <form action={formAction} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <ErrorSummary title={errors.title} items={errors.summary} />
      <Field id="organizationName" label={t("organizationName")} hint={t("organizationNameHint")} errors={errors.fieldErrors("organizationName")}>
        <TextInput id="organizationName" name="organizationName" required hint defaultValue={value("organizationName")} errors={errors.fieldErrors("organizationName")} />
      </Field>
      <Field id="name" label={t("name")} errors={errors.fieldErrors("name")}>
        <TextInput id="name" name="name" autoComplete="name" required defaultValue={value("name")} errors={errors.fieldErrors("name")} />
      </Field>
      <Field id="email" label={t("email")} errors={errors.fieldErrors("email")}>
        <TextInput id="email" name="email" type="email" autoComplete="email" required defaultValue={value("email")} errors={errors.fieldErrors("email")} />
      </Field>
      <Field id="password" label={t("password")} hint={t("passwordHint")} errors={errors.fieldErrors("password")}>
        <TextInput id="password" name="password" type="password" autoComplete="new-password" required hint errors={errors.fieldErrors("password")} />
      </Field>
      <SubmitButton pendingLabel={t("pending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
