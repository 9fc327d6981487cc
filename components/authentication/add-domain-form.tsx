"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle, type FormState } from "@/lib/core/form-state";
import { sectionAnswer } from "./section-answer";

export function AddDomainForm({ action }: { action: (previous: FormState, formData: FormData) => Promise<FormState> }) {
  const t = useTranslations("AuthenticationPage");
  const [state, formAction] = useActionState(action, idle);
  const messages = sectionAnswer(state);
  const domainErrors = messages.fieldError("domain");
  const summary = state.status === "error" ? [domainErrors ? { field: "domain", message: domainErrors[0]! } : { message: messages.text(state.code ?? "generic") }] : [];
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={messages.summaryTitle} items={summary} />
      {state.status === "success" ? (
        <div role="status">
          <Notice tone="success">{messages.outcome}</Notice>
        </div>
      ) : null}
      <Field id="domain" label={t("domainLabel")} hint={t("domainHint")} errors={domainErrors}>
        <TextInput
          id="domain"
          name="domain"
          required
          hint
          autoComplete="off"
          spellCheck={false}
          inputMode="url"
          defaultValue={state.status === "error" ? (state.values?.domain ?? "") : ""}
          errors={domainErrors}
        />
      </Field>
      <SubmitButton pendingLabel={t("adding")}>{t("add")}</SubmitButton>
    </form>
  );
}
