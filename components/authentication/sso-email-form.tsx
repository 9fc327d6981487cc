"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle, type FormState } from "@/lib/core/form-state";

export function SsoEmailForm({ action, callbackUrl }: { action: (previous: FormState, formData: FormData) => Promise<FormState>; callbackUrl?: string }) {
  const t = useTranslations("Sso");
  const tErrors = useTranslations("Errors");
  const [state, formAction] = useActionState(action, idle);
  const code = state.status === "error" ? state.fields?.email?.[0] : undefined;
  const message = code ? (code === "notSso" ? t("errors.notSso") : tErrors.has(code as never) ? tErrors(code as never) : tErrors("generic")) : undefined;
  return (
    <form action={formAction} noValidate className="space-y-5">
      <ErrorSummary title={tErrors("summaryTitle")} items={message ? [{ field: "email", message }] : []} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Field id="email" label={t("email")} errors={message ? [message] : undefined}>
        <TextInput id="email" name="email" type="email" autoComplete="username" required defaultValue={state.values?.email ?? ""} errors={message ? [message] : undefined} />
      </Field>
      <SubmitButton pendingLabel={t("submitting")}>{t("submit")}</SubmitButton>
    </form>
  );
}
