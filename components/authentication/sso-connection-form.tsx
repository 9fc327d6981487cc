"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput, describedBy, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle, type FormState } from "@/lib/core/form-state";

const fields = ["idpEntityId", "idpSsoUrl", "idpCertificate"] as const;

/** A saved connection's values, shown in the form to change them. */
export type SsoConnectionValues = { idpEntityId: string; idpSsoUrl: string; idpCertificate: string };

export function SsoConnectionForm({
  action,
  current,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  current: SsoConnectionValues | null;
}) {
  const t = useTranslations("Sso.connection");
  const [state, formAction] = useActionState(action, idle);
  // The action answers with its codes and its success line translated (ssoAnswered): the page carries neither.
  const text = (code: string) => state.messages?.errors[code] ?? state.messages?.errors.generic ?? code;
  const errorOf = (field: string) => {
    const code = state.status === "error" ? state.fields?.[field]?.[0] : undefined;
    return code ? [text(code)] : undefined;
  };
  const summary: { field: string; message: string }[] = fields.flatMap((field) => (errorOf(field) ? [{ field, message: errorOf(field)![0]! }] : []));
  if (state.status === "error" && summary.length === 0) summary.push({ field: "", message: text(state.code ?? "generic") });
  const value = (field: (typeof fields)[number]) => state.values?.[field] ?? current?.[field] ?? "";
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={state.messages?.summaryTitle ?? ""} items={summary.map((item) => (item.field ? item : { message: item.message }))} />
      {state.status === "success" ? (
        <div role="status">
          <Notice tone="success">{state.messages?.notice}</Notice>
        </div>
      ) : null}
      <Field id="idpEntityId" label={t("idpEntityId")} hint={t("idpEntityIdHint")} errors={errorOf("idpEntityId")}>
        <TextInput id="idpEntityId" name="idpEntityId" required hint spellCheck={false} defaultValue={value("idpEntityId")} errors={errorOf("idpEntityId")} />
      </Field>
      <Field id="idpSsoUrl" label={t("idpSsoUrl")} hint={t("idpSsoUrlHint")} errors={errorOf("idpSsoUrl")}>
        <TextInput id="idpSsoUrl" name="idpSsoUrl" type="url" required hint spellCheck={false} defaultValue={value("idpSsoUrl")} errors={errorOf("idpSsoUrl")} />
      </Field>
      <Field id="idpCertificate" label={t("idpCertificate")} hint={t("idpCertificateHint")} errors={errorOf("idpCertificate")}>
        <textarea
          name="idpCertificate"
          rows={6}
          required
          spellCheck={false}
          className={`${inputClass} font-mono text-xs`}
          defaultValue={value("idpCertificate")}
          {...describedBy("idpCertificate", true, errorOf("idpCertificate"))}
        />
      </Field>
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
