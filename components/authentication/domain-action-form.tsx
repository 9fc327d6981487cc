"use client";

import { useActionState, type ReactNode } from "react";
import { OutcomeNotice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ButtonVariant } from "@/components/ui/button";
import { idle, type FormState } from "@/lib/core/form-state";
import { sectionAnswer } from "./section-answer";

/** One button that acts on one domain (verify, remove) and says what happened. */
export function DomainActionForm({
  action,
  fields,
  label,
  pendingLabel,
  variant = "secondary",
  messageValues = {},
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: ReactNode;
  pendingLabel: string;
  variant?: ButtonVariant;
  messageValues?: Record<string, string>;
}) {
  const [state, formAction] = useActionState(action, idle);
  const outcome = sectionAnswer(state, messageValues).outcome;
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      <div aria-live="polite">
        {outcome ? <OutcomeNotice success={state.status === "success"}>{outcome}</OutcomeNotice> : null}
      </div>
    </form>
  );
}
