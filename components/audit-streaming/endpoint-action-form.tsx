"use client";

import { useActionState } from "react";
import { useFormatter } from "next-intl";
import { OutcomeNotice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ButtonVariant } from "@/components/ui/button";
import { idle, type FormState } from "@/lib/core/form-state";
import { NewSecret } from "./new-secret";
import { useSectionMessages } from "@/components/forms/use-section-messages";

/** One button acting on one endpoint (test, rotate, resume, remove) that says what happened. */
export function EndpointActionForm({
  action,
  endpointId,
  label,
  pendingLabel,
  variant = "secondary",
  testId,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  endpointId: string;
  label: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  testId: string;
}) {
  const [state, formAction] = useActionState(action, idle);
  const messages = useSectionMessages("AuditStreaming.messages");
  const format = useFormatter();
  const data = { ...state.data };
  if (typeof data.until === "string") data.until = format.dateTime(new Date(data.until), { dateStyle: "medium", timeStyle: "short" });
  const outcome = state.status === "idle" || !state.code ? null : messages.text(state.code, data);
  return (
    <form action={formAction} className="space-y-2" data-testid={testId}>
      <input type="hidden" name="endpointId" value={endpointId} />
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      <div aria-live="polite">
        {outcome ? (
          <OutcomeNotice success={state.status === "success"}>
            <p>{outcome}</p>
            {state.status === "success" && state.code === "rotated" ? <NewSecret secret={String(state.data?.secret ?? "")} /> : null}
          </OutcomeNotice>
        ) : null}
      </div>
    </form>
  );
}
