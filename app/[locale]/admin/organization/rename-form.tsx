"use client";

import { useActionState } from "react";
import { formMessages } from "@/components/forms/form-messages";
import { Notice } from "@/components/ui/card";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";
import { renameOrganizationAction } from "./actions";

/** Words translated by the page; the action translates its answer (`withMessages`). */
export type RenameText = { label: string; hint: string; submit: string; pending: string };

export function RenameForm({ name, text }: { name: string; text: RenameText }) {
  const [state, formAction] = useActionState(renameOrganizationAction, idle);
  const errors = formMessages(state);
  const saved = state.status === "success" ? state.values?.name : undefined;
  return (
    <form action={formAction} noValidate className="space-y-5">
      <ErrorSummary title={errors.title} items={errors.summary} />
      {saved !== undefined ? (
        <div role="status">
          <Notice tone="success">{errors.notice}</Notice>
        </div>
      ) : null}
      <Field id="name" label={text.label} hint={text.hint} errors={errors.fieldErrors("name")}>
        <TextInput id="name" name="name" autoComplete="organization" required hint defaultValue={state.values?.name ?? name} errors={errors.fieldErrors("name")} />
      </Field>
      <SubmitButton pendingLabel={text.pending}>{text.submit}</SubmitButton>
    </form>
  );
}
