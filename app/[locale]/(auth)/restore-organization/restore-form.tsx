"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/forms/form-action";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";

const refusals = { unknown: "restoreUnknown", used: "restoreUsed", expired: "restoreExpired", notScheduled: "restoreNotScheduled" } as const;

/** One button: the token travels in the form, so opening the link (or a mail scanner) never restores. */
export function RestoreForm({ action, token, organization }: { action: FormAction; token: string; organization: string }) {
  const t = useTranslations("DataLifecycle");
  const [state, formAction] = useActionState(action, idle);
  const refusal = state.status === "error" ? (refusals[state.code as keyof typeof refusals] ?? "restoreUnknown") : null;
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <div role="alert">{refusal ? <Notice tone="warning">{t(refusal)}</Notice> : null}</div>
      <SubmitButton pendingLabel={t("restoring")}>{t("restoreButton", { organization })}</SubmitButton>
    </form>
  );
}
