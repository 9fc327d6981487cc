"use client";

import { useActionState } from "react";
import { formMessages } from "@/components/forms/form-messages";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { OutcomeNotice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle, type FormState } from "@/lib/core/form-state";

/** The form's words, from the page: it shows only on Enterprise. */
export type RetentionWords = { label: string; hint: string; save: string; saving: string };

/**
 * Enterprise: how many days the audit log keeps events (empty: forever). The action answers with its
 * refusal or success already in words (`withMessages`), so the page hands down no `Errors`.
 */
export function RetentionForm({ days, words, action }: { days: number | null; words: RetentionWords; action: (previous: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, idle);
  const { title, summary, fieldErrors, notice } = formMessages(state);
  const errors = fieldErrors("days");
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={title} items={summary} />
      <div aria-live="polite">{state.status === "success" && notice ? <OutcomeNotice success>{notice}</OutcomeNotice> : null}</div>
      <Field id="days" label={words.label} hint={words.hint} errors={errors}>
        <TextInput id="days" name="days" inputMode="numeric" hint autoComplete="off" defaultValue={state.status === "error" ? (state.values?.days ?? "") : (days?.toString() ?? "")} errors={errors} />
      </Field>
      <SubmitButton pendingLabel={words.saving}>{words.save}</SubmitButton>
    </form>
  );
}
