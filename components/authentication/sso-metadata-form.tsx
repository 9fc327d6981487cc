"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle, type FormState } from "@/lib/core/form-state";

/** The identity provider from its pasted metadata XML; every refusal is shown on the field, the paste kept. */
export function SsoMetadataForm({ action }: { action: (previous: FormState, formData: FormData) => Promise<FormState> }) {
  const t = useTranslations("Sso.metadata");
  const [state, formAction] = useActionState(action, idle);
  // The action answers with its codes translated (ssoAnswered): the page carries neither the refusals nor Errors.
  const text = (code: string) => state.messages?.errors[code] ?? state.messages?.errors.generic ?? code;
  const fieldCode = state.status === "error" ? state.fields?.idpMetadata?.[0] : undefined;
  const errors = fieldCode ? [text(fieldCode)] : undefined;
  const summary = state.status === "error" ? [errors ? { field: "idpMetadata", message: errors[0]! } : { message: text(state.code ?? "generic") }] : [];
  // Its success line and what it read come in words too.
  const saved = state.status === "success" ? state.messages : undefined;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={state.messages?.summaryTitle ?? ""} items={summary} />
      {saved ? (
        <div role="status">
          <Notice tone="success">
            <p className="font-semibold">{saved.notice}</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 break-all">
              {(saved.details ?? []).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </Notice>
        </div>
      ) : null}
      <Field id="idpMetadata" label={t("label")} hint={t("hint")} errors={errors}>
        <textarea
          name="idpMetadata"
          rows={8}
          required
          spellCheck={false}
          autoComplete="off"
          className={`${inputClass} font-mono text-xs`}
          defaultValue={state.status === "error" ? (state.values?.idpMetadata ?? "") : ""}
          {...describedBy("idpMetadata", true, errors)}
        />
      </Field>
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
