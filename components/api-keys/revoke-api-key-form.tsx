"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle, type FormState } from "@/lib/core/form-state";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/** Revoking asks once more, inside a disclosure that works without JavaScript. */
export function RevokeApiKeyForm({ action, keyId, name }: { action: Action; keyId: string; name: string }) {
  const t = useTranslations("ApiKeysPage");
  const [state, formAction] = useActionState(action, idle);
  if (state.status === "success") {
    return (
      <div role="status">
        <Notice tone="success">{t("revokedNotice", { name })}</Notice>
      </div>
    );
  }
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-semibold text-red-800">{t("revoke")}</summary>
      <form action={formAction} className="mt-2 space-y-2 rounded-md border border-red-300 bg-red-50 p-3">
        <input type="hidden" name="keyId" value={keyId} />
        <p>{t("revokeConsequence", { name })}</p>
        {state.status === "error" ? <p role="alert" className="font-semibold text-red-700">{t("revokeFailed")}</p> : null}
        <SubmitButton variant="danger" pendingLabel={t("revoking")}>
          {t("revokeConfirm", { name })}
        </SubmitButton>
      </form>
    </details>
  );
}
