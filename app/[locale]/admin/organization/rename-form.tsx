"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { formMessages } from "@/components/forms/form-messages";
import { Notice } from "@/components/ui/card";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";
import { renameOrganizationAction } from "./actions";

export function RenameForm({ name }: { name: string }) {
  const t = useTranslations("OrganizationPage");
  const [state, formAction] = useActionState(renameOrganizationAction, idle);
  const errors = formMessages(state);
  const saved = state.status === "success" ? state.values?.name : undefined;
  return (
    <form action={formAction} noValidate className="space-y-5">
      <ErrorSummary title={errors.title} items={errors.summary} />
      {saved !== undefined ? (
        <div role="status">
          <Notice tone="success">{errors.notice}</Notice>
        </div>
      ) : null}
      <Field id="name" label={t("newName")} hint={t("newNameHint")} errors={errors.fieldErrors("name")}>
        <TextInput id="name" name="name" autoComplete="organization" required hint defaultValue={state.values?.name ?? name} errors={errors.fieldErrors("name")} />
      </Field>
      <SubmitButton pendingLabel={t("renaming")}>{t("rename")}</SubmitButton>
    </form>
  );
}
