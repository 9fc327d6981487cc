"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/forms/form-action";
import { formMessages } from "@/components/forms/form-messages";
import { Notice } from "@/components/ui/card";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";

/**
 * "Delete chats not updated for N days". The first button asks what the setting would delete now;
 * the page says it (with the counts), then the second button saves. Works the same without JavaScript.
 */
export function RetentionForm({ action, days }: { action: FormAction; days: number | null }) {
  const t = useTranslations("DataLifecycle");
  const [state, formAction] = useActionState(action, idle);
  // The action translates its codes and says its outcome (`withMessages`).
  const errors = formMessages(state, { retentionDays: t("retentionDays") });
  const enabled = state.values ? state.values.enabled === "on" : days !== null;
  const typed = state.values?.days ?? (days === null ? "" : String(days));
  const data = state.status === "success" ? state.data : undefined;
  const previewed = state.status === "success" && state.code === "preview";
  return (
    <form action={formAction} noValidate className="space-y-5" data-testid="retention-form">
      <input type="hidden" name="source" value="form" />
      <ErrorSummary title={errors.title} items={errors.summary} />
      <div role="status" aria-live="polite" data-testid="retention-outcome">
        {previewed && data ? <Notice tone="info">{errors.notice}</Notice> : null}
        {state.status === "success" && state.code === "saved" ? <Notice tone="success">{errors.notice}</Notice> : null}
        {state.status === "success" && state.code === "unchanged" ? <Notice tone="info">{errors.notice}</Notice> : null}
      </div>
      <div className="flex items-start gap-3">
        <input id="retentionEnabled" name="enabled" type="checkbox" defaultChecked={enabled} key={`enabled-${enabled}`} className="mt-1 size-5" />
        <label htmlFor="retentionEnabled" className="font-semibold text-slate-900">
          {t("retentionEnabled")}
        </label>
      </div>
      <Field id="retentionDays" label={t("retentionDays")} hint={t("retentionDaysHint")} errors={errors.fieldErrors("retentionDays")}>
        <TextInput
          id="retentionDays"
          name="days"
          inputMode="numeric"
          autoComplete="off"
          className="block w-32 rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
          hint
          defaultValue={typed}
          key={`days-${typed}`}
          errors={errors.fieldErrors("retentionDays")}
        />
      </Field>
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="intent" value="preview" variant={previewed ? "secondary" : "primary"} pendingLabel={t("retentionPreviewing")}>
          {t("retentionPreviewButton")}
        </SubmitButton>
        {previewed ? (
          <SubmitButton name="intent" value="save" pendingLabel={t("retentionSaving")}>
            {t("retentionSave")}
          </SubmitButton>
        ) : null}
      </div>
    </form>
  );
}
