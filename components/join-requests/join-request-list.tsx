"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { OutcomeNotice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle, type FormState } from "@/lib/core/form-state";

/** A request as the list shows it: the date already written in the viewer's language. */
export type JoinRequestRow = { id: string; name: string; email: string; domain: string; requestedOn: string };

/**
 * The waiting requests, each with Approve and Refuse. One action state for the whole list, so the
 * confirmation stays on screen after the decided request has left it (JavaScript on or off). The
 * action answers with that line already in words (its `notice`), success or refusal.
 */
export function JoinRequestList({
  requests,
  canApprove,
  action,
}: {
  requests: JoinRequestRow[];
  canApprove: boolean;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
}) {
  const t = useTranslations("JoinRequests");
  const [state, formAction] = useActionState(action, idle);
  const outcome = state.status === "idle" ? null : state.messages?.notice;
  return (
    <div className="space-y-4">
      <div aria-live="polite" data-testid="join-request-outcome">
        {outcome ? <OutcomeNotice success={state.status === "success"}>{outcome}</OutcomeNotice> : null}
      </div>
      {requests.length === 0 ? (
        <p className="text-sm text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200" data-testid="join-requests">
          {requests.map((request) => (
            <li key={request.id} className="flex flex-wrap items-start gap-4 py-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium">{request.name}</p>
                <p className="text-sm text-slate-700">{request.email}</p>
                <p className="text-sm text-slate-700">{t("details", { domain: request.domain, date: request.requestedOn })}</p>
              </div>
              {canApprove ? (
                <form action={formAction}>
                  <input type="hidden" name="requestId" value={request.id} />
                  <input type="hidden" name="decision" value="approve" />
                  <SubmitButton pendingLabel={t("deciding")}>
                    {t("approve")}
                    <span className="sr-only"> {request.email}</span>
                  </SubmitButton>
                </form>
              ) : null}
              <form action={formAction}>
                <input type="hidden" name="requestId" value={request.id} />
                <input type="hidden" name="decision" value="reject" />
                <SubmitButton variant="secondary" pendingLabel={t("deciding")}>
                  {t("reject")}
                  <span className="sr-only"> {request.email}</span>
                </SubmitButton>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
