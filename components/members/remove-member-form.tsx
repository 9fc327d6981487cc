"use client";

import { useActionState, useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/forms/form-action";
import { formMessages } from "@/components/forms/form-messages";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";

const subscribeNothing = () => () => {};

/** Typed confirmation: the button enables once the email matches (with JavaScript); the server checks again. */
export function RemoveMemberForm({ userId, email, action }: { userId: string; email: string; action: FormAction }) {
  const t = useTranslations("MembersPage");
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
      <Field id="confirmation" label={t("confirmationLabel", { email })} hint={t("confirmationHint")} errors={errors.fieldErrors("confirmation")}>
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
      <SubmitButton variant="danger" pendingLabel={t("removing")} disabled={!matches}>
        {t("removeButton")}
      </SubmitButton>
    </form>
  );
}
