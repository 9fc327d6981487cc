"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { formMessages } from "@/components/forms/form-messages";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput, describedBy, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";
import { updateProfileAction } from "./actions";

export function ProfileForm({ name, locale, justSaved }: { name: string; locale: "fr" | "en"; justSaved: boolean }) {
  const t = useTranslations("Profile");
  const tLocale = useTranslations("LocaleSwitcher");
  const tCommon = useTranslations("Common");
  const [state, formAction] = useActionState(updateProfileAction, idle);
  // The action answers with its codes translated (withMessages): the page carries no Errors catalogue.
  const errors = formMessages(state, { name: t("name"), locale: t("locale") });
  const saved = state.status === "success" || (state.status === "idle" && justSaved);
  return (
    <form action={formAction} noValidate className="space-y-5">
      <ErrorSummary title={errors.title} items={errors.summary} />
      {saved ? (
        <div role="status">
          <Notice tone="success">{t("saved")}</Notice>
        </div>
      ) : null}
      <Field id="name" label={t("name")} hint={t("nameHint")} errors={errors.fieldErrors("name")}>
        <TextInput id="name" name="name" autoComplete="name" required hint defaultValue={state.values?.name ?? name} errors={errors.fieldErrors("name")} />
      </Field>
      <Field id="locale" label={t("locale")} hint={t("localeHint")} errors={errors.fieldErrors("locale")}>
        <select name="locale" defaultValue={state.values?.locale ?? locale} className={inputClass} {...describedBy("locale", true, errors.fieldErrors("locale"))}>
          <option value="fr" lang="fr">{tLocale("fr")}</option>
          <option value="en" lang="en">{tLocale("en")}</option>
        </select>
      </Field>
      <SubmitButton pendingLabel={tCommon("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
