"use client";

import { useActionState } from "react";
import type { FormAction } from "@/components/forms/form-action";
import { formMessages } from "@/components/forms/form-messages";
import { ConfirmByTyping } from "@/components/ui/confirm-by-typing";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { idle, type FormState } from "@/lib/core/form-state";

export type ConfirmByTypingText = { label: string; hint: string; submit: string; pending: string };
export type PasswordText = { label: string; hint?: string };

/** The form state with its fields named by their IDs on the page, so the summary links land on them. */
function withFieldIds(state: FormState, ids: Record<string, string>): FormState {
  if (!state.fields) return state;
  return { ...state, fields: Object.fromEntries(Object.entries(state.fields).map(([field, codes]) => [ids[field] ?? field, codes])) };
}

/**
 * An irreversible action confirmed by typing a name (purge chats, delete the organization, leave
 * it), with the person's password when `password` is given. The server checks the same rule.
 */
export function ConfirmByTypingForm({
  action,
  expected,
  text,
  password,
  idPrefix = "",
}: {
  action: FormAction;
  expected: string;
  text: ConfirmByTypingText;
  password?: PasswordText;
  /** Set when two such forms share a page: `delete` gives `deleteConfirmation` and `deletePassword`. */
  idPrefix?: string;
}) {
  const id = (field: "confirmation" | "password") => (idPrefix ? `${idPrefix}${field[0]!.toUpperCase()}${field.slice(1)}` : field);
  const ids = { confirmation: id("confirmation"), password: id("password") };
  const [answer, formAction] = useActionState(action, idle);
  const state = withFieldIds(answer, ids);
  // The action answers with its codes translated (`withMessages`): the page carries no catalogue for this form.
  const errors = formMessages(state, { [ids.confirmation]: text.label, ...(password ? { [ids.password]: password.label } : {}) });
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={errors.title} items={errors.summary} />
      <ConfirmByTyping
        id={ids.confirmation}
        expected={expected}
        label={text.label}
        hint={text.hint}
        errors={errors.fieldErrors(ids.confirmation)}
        defaultValue={state.values?.confirmation}
        submitLabel={text.submit}
        pendingLabel={text.pending}
      >
        {password ? (
          <Field id={ids.password} label={password.label} hint={password.hint} errors={errors.fieldErrors(ids.password)}>
            <TextInput
              id={ids.password}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              hint={Boolean(password.hint)}
              errors={errors.fieldErrors(ids.password)}
            />
          </Field>
        ) : null}
      </ConfirmByTyping>
    </form>
  );
}
