"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { formMessages } from "@/components/forms/form-messages";
import { Link } from "@/i18n/link";
import { Notice } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { explicitScopes, scopes } from "@/lib/core/api-scopes";
import { idle, type FormState } from "@/lib/core/form-state";
import { keyLifetimes } from "@/lib/api-keys/lifetimes";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/** Name, scopes and expiry; after creation the secret shows once, with or without JavaScript. */
export function CreateApiKeyForm({ action }: { action: Action }) {
  const t = useTranslations("ApiKeysPage");
  const [state, formAction] = useActionState(action, idle);
  // The action answers with its codes translated (withMessages): the page carries no Errors catalogue.
  const errors = formMessages(state, { name: t("name"), scopes: t("scopes"), expiry: t("expiry") });
  const chosen = state.status === "error" ? (state.values?.scopes ?? "").split(" ") : null;
  const isChecked = (scope: string) => (chosen ? chosen.includes(scope) : !explicitScopes.includes(scope as never));
  const expiry = state.status === "error" ? (state.values?.expiry ?? "90") : "90";
  const secret = state.status === "success" && state.code === "created" ? String(state.data?.secret ?? "") : null;
  return (
    <div className="space-y-5">
      {secret ? (
        <div role="status" className="space-y-2" data-testid="api-key-secret">
          <Notice tone="success">{t("createdNotice", { name: String(state.data?.name ?? "") })}</Notice>
          <p className="text-sm font-semibold text-slate-900">{t("secretOnce")}</p>
          <code className="block break-all rounded-md border border-slate-300 bg-slate-50 p-3 font-mono text-sm" id="api-key-secret">
            {secret}
          </code>
          <CopyButton value={secret} label={t("copy")} copiedLabel={t("copied")} failedLabel={t("copyFailed")} />
        </div>
      ) : null}
      <form action={formAction} noValidate className="space-y-5">
        <ErrorSummary title={errors.title} items={errors.summary} />
        {state.code === "stepUpRequired" ? (
          <p data-testid="api-key-step-up">
            <Link href={{ pathname: "/admin/profile/confirm-identity", query: { returnTo: "/admin/api-keys" } }} className="font-semibold text-indigo-700 underline">
              {t("stepUpLink")}
            </Link>
          </p>
        ) : null}
        <Field id="name" label={t("name")} hint={t("nameHint")} errors={errors.fieldErrors("name")}>
          <TextInput id="name" name="name" required hint autoComplete="off" defaultValue={state.status === "error" ? (state.values?.name ?? "") : ""} errors={errors.fieldErrors("name")} />
        </Field>
        <fieldset id="scopes" className="space-y-2" aria-describedby={errors.fieldErrors("scopes") ? "scopes-error" : "scopes-hint"}>
          <legend className="text-sm font-semibold text-slate-900">{t("scopes")}</legend>
          <p id="scopes-hint" className="text-sm text-slate-600">{t("scopesHint")}</p>
          {errors.fieldErrors("scopes") ? <p id="scopes-error" className="text-sm font-semibold text-red-700">{errors.fieldErrors("scopes")!.join(" ")}</p> : null}
          {scopes.map((scope) => {
            const dangerous = explicitScopes.includes(scope);
            return (
              <div key={scope} className={`flex items-start gap-2 ${dangerous ? "rounded-md border border-red-300 bg-red-50 p-2" : ""}`}>
                <input type="checkbox" id={`scope-${scope}`} name="scopes" value={scope} defaultChecked={isChecked(scope)} className="mt-1 size-4" />
                <label htmlFor={`scope-${scope}`} className="text-sm text-slate-900">
                  <code className="font-mono">{scope}</code> — {t(`scopeDescriptions.${scope.replace(":", "_")}` as never)}
                  {dangerous ? <strong className="block text-red-800">{scope === "organization:export" ? t("exportScopeWarning") : t("deleteScopeWarning")}</strong> : null}
                </label>
              </div>
            );
          })}
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold text-slate-900">{t("expiry")}</legend>
          {keyLifetimes.map((lifetime) => (
            <div key={lifetime} className="flex items-center gap-2">
              <input type="radio" id={`expiry-${lifetime}`} name="expiry" value={lifetime} defaultChecked={expiry === lifetime} className="size-4" />
              <label htmlFor={`expiry-${lifetime}`} className="text-sm text-slate-900">
                {lifetime === "never" ? t("expiryNever") : t("expiryDays", { days: Number(lifetime) })}
              </label>
            </div>
          ))}
        </fieldset>
        <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
      </form>
    </div>
  );
}
