"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import type { FormAction } from "@/components/forms/form-action";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";

const refusals = { unknown: "restoreUnknown", used: "restoreUsed", expired: "restoreExpired", notScheduled: "restoreNotScheduled" } as const;

/** One button: the token travels in the form, so opening the link (or a mail scanner) never restores. */
export function RestoreForm({ action, token, organization }: { action: FormAction; token: string; organization: string }) {
  const t = useTranslations("DataLifecycle");
  const [state, formAction] = useActionState(action, idle);
  if (state.status === "success") {
    return (
      <div role="status" className="space-y-4" data-testid="restore-done">
        <Notice tone="success">{t("restored", { organization: state.values?.organization ?? organization })}</Notice>
        <Link href="/sign-in" className="inline-block font-semibold text-indigo-700 underline">
          {t("signIn")}
        </Link>
      </div>
    );
  }
  const refusal = state.status === "error" ? (refusals[state.code as keyof typeof refusals] ?? "restoreUnknown") : null;
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <div role="alert">{refusal ? <Notice tone="warning">{t(refusal)}</Notice> : null}</div>
      <SubmitButton pendingLabel={t("restoring")}>{t("restoreButton", { organization })}</SubmitButton>
    </form>
  );
}
