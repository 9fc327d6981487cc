"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";
import { signInAction } from "../actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("SignIn");
  const [state, formAction] = useActionState(signInAction, idle);
  const errors = useFormErrors(state, { email: t("email"), password: t("password") });
  return (
    <form action={formAction} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <ErrorSummary title={errors.title} items={errors.summary} />
      <input type="hidden" name="callbackUrl" value={state.values?.callbackUrl ?? callbackUrl} />
      <Field id="email" label={t("email")} errors={errors.fieldErrors("email")}>
        <TextInput
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.values?.email ?? ""}
          errors={errors.fieldErrors("email")}
        />
      </Field>
      <Field id="password" label={t("password")} errors={errors.fieldErrors("password")}>
        <TextInput
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={errors.fieldErrors("password")}
        />
      </Field>
      <SubmitButton pendingLabel={t("pending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
