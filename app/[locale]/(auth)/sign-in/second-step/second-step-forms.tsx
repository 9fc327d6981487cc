"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";
import { secondStepAction } from "../../actions";

/** Two forms posting to the same action: the app's code first, a recovery code behind a disclosure. */
export function SecondStepForms({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("SecondStep");
  const [codeState, codeAction] = useActionState(secondStepAction, idle);
  const [recoveryState, recoveryAction] = useActionState(secondStepAction, idle);
  const codeErrors = useFormErrors(codeState, { code: t("code") });
  const recoveryErrors = useFormErrors(recoveryState, { recoveryCode: t("recoveryCode") });
  const recoveryOpen = recoveryState.status === "error";
  return (
    <div className="space-y-6">
      <form action={codeAction} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <ErrorSummary title={codeErrors.title} items={codeErrors.summary} />
        <input type="hidden" name="callbackUrl" value={codeState.values?.callbackUrl ?? callbackUrl} />
        <Field id="code" label={t("code")} hint={t("codeHint")} errors={codeErrors.fieldErrors("code")}>
          <TextInput
            id="code"
            name="code"
            hint
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={9}
            required
            autoFocus
            errors={codeErrors.fieldErrors("code")}
          />
        </Field>
        <SubmitButton pendingLabel={t("pending")}>{t("submit")}</SubmitButton>
      </form>
      <details open={recoveryOpen} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <summary className="cursor-pointer font-semibold text-slate-900">{t("recoveryTitle")}</summary>
        <form action={recoveryAction} noValidate className="mt-4 space-y-5">
          <ErrorSummary title={recoveryErrors.title} items={recoveryErrors.summary} />
          <input type="hidden" name="callbackUrl" value={recoveryState.values?.callbackUrl ?? callbackUrl} />
          <Field id="recoveryCode" label={t("recoveryCode")} hint={t("recoveryHint")} errors={recoveryErrors.fieldErrors("recoveryCode")}>
            <TextInput id="recoveryCode" name="recoveryCode" hint autoComplete="off" spellCheck={false} required errors={recoveryErrors.fieldErrors("recoveryCode")} />
          </Field>
          <SubmitButton pendingLabel={t("pending")} variant="secondary">
            {t("recoverySubmit")}
          </SubmitButton>
        </form>
      </details>
    </div>
  );
}
