"use client";

import { useActionState, useState, useSyncExternalStore } from "react";
import type { FormAction } from "@/components/forms/form-action";
import { formMessages } from "@/components/forms/form-messages";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";

const subscribeNothing = () => () => {};

/** The form's words, from the page: it shows only on the visit that asks to remove someone. */
export type RemoveMemberWords = { label: string; hint: string; pending: string; submit: string };

/** Typed confirmation: the button enables once the email matches (with JavaScript); the server checks again. */
export function RemoveMemberForm({ userId, email, words, action }: { userId: string; email: string; words: RemoveMemberWords; action: FormAction }) {
  const [state, formAction] = useActionState(action, idle);
  const errors = formMessages(state);
  const [typed, setTyped] = useState(state.values?.confirmation ?? "");
  // Before hydration (or with JavaScript off) the button stays enabled and the server decides.
  const enhanced = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const matches = !enhanced || typed.trim().toLowerCase() === email;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={errors.title} items={errors.summary} />
      <input type="hidden" name="userId" value={userId} />
      <Field id="confirmation" label={words.label} hint={words.hint} errors={errors.fieldErrors("confirmation")}>
        <TextInput
          id="confirmation"
          name="confirmation"
          autoComplete="off"
          spellCheck={false}
          required
          hint
          defaultValue={state.values?.confirmation ?? ""}
          onChange={(event) => setTyped(event.target.value)}
          errors={errors.fieldErrors("confirmation")}
        />
      </Field>
      <SubmitButton variant="danger" pendingLabel={words.pending} disabled={!matches}>
        {words.submit}
      </SubmitButton>
    </form>
  );
}
