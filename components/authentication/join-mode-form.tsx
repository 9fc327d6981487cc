"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import type { JoinMode } from "@/db/schema";
import { idle, type FormState } from "@/lib/core/form-state";
import { sectionAnswer } from "./section-answer";

const modes: JoinMode[] = ["off", "approval", "auto"];

export function JoinModeForm({
  action,
  domainId,
  domain,
  joinMode,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  domainId: string;
  domain: string;
  joinMode: JoinMode;
}) {
  const t = useTranslations("AuthenticationPage");
  const [state, formAction] = useActionState(action, idle);
  const messages = sectionAnswer(state);
  const id = `joinMode-${domainId}`;
  const errors = state.status === "error" ? [messages.text(state.fields?.joinMode?.[0] ?? state.code ?? "generic")] : undefined;
  return (
    <form action={formAction} noValidate className="space-y-3">
      <input type="hidden" name="domainId" value={domainId} />
      <Field id={id} label={t("joinModeLabel", { domain })} hint={t("joinModeHint")} errors={errors}>
        <select name="joinMode" defaultValue={state.values?.joinMode ?? joinMode} className={inputClass} {...describedBy(id, true, errors)}>
          {modes.map((mode) => (
            <option key={mode} value={mode}>
              {t(`joinModes.${mode}`)}
            </option>
          ))}
        </select>
      </Field>
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("saveJoinMode")}
      </SubmitButton>
      <div aria-live="polite">{state.status === "success" ? <Notice tone="success">{messages.outcome}</Notice> : null}</div>
    </form>
  );
}
