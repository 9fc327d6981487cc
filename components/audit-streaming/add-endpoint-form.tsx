"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle, type FormState } from "@/lib/core/form-state";
import { NewSecret } from "./new-secret";
import { useSectionMessages } from "@/components/forms/use-section-messages";

export function AddEndpointForm({ action }: { action: (previous: FormState, formData: FormData) => Promise<FormState> }) {
  const t = useTranslations("AuditStreaming");
  const messages = useSectionMessages("AuditStreaming.messages");
  const [state, formAction] = useActionState(action, idle);
  const urlErrors = messages.fieldError(state, "url");
  const summary = state.status === "error" ? [urlErrors ? { field: "url", message: urlErrors[0]! } : { message: messages.text(state.code ?? "generic") }] : [];
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={messages.summaryTitle} items={summary} />
      <div aria-live="polite">
        {state.status === "success" ? (
          <Notice tone="success">
            <p>{messages.text("added")}</p>
            <NewSecret secret={String(state.data?.secret ?? "")} />
          </Notice>
        ) : null}
      </div>
      <Field id="url" label={t("urlLabel")} hint={t("urlHint")} errors={urlErrors}>
        <TextInput id="url" name="url" type="url" required hint autoComplete="off" spellCheck={false} inputMode="url" defaultValue={state.status === "error" ? (state.values?.url ?? "") : ""} errors={urlErrors} />
      </Field>
      <SubmitButton pendingLabel={t("adding")}>{t("add")}</SubmitButton>
    </form>
  );
}
