"use client";

import { useActionState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { formMessages } from "@/components/forms/form-messages";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle, type FormState } from "@/lib/core/form-state";

/** Who a choice concerns: how many lack two-step sign-in, the first of them by address, and how many sign in through SSO. */
export type PolicyFormImpact = { withoutTwoStep: number; named: string[]; ssoPeople: number };

export type PolicyFormProps = {
  available: boolean;
  paused: boolean;
  requiredFor: "off" | "admins" | "everyone";
  graceDays: number;
  deadline: string;
  impacts: { admins: PolicyFormImpact; everyone: PolicyFormImpact };
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
};

/** The organization's rule: who must use two-step sign-in, the grace period, and who each choice affects. */
export function TwoStepPolicyForm({ available, paused, requiredFor, graceDays, deadline, impacts, action }: PolicyFormProps) {
  const t = useTranslations("TwoStepPolicy");
  const format = useFormatter();
  const [state, formAction] = useActionState(action, idle);
  // The action answers with its codes and its success line translated (withMessages): the page carries neither.
  const errors = formMessages(state, { requiredFor: t("legend"), graceDays: t("graceDays") });
  const chosen = state.values?.requiredFor ?? requiredFor;
  // Literal keys, so the page hands down only the messages this form uses (not the card's title and intro).
  const choices = { off: t("off"), admins: t("admins"), everyone: t("everyone") };
  return (
    <form action={formAction} noValidate className="space-y-5">
      <ErrorSummary title={errors.title} items={errors.summary} />
      {!available ? <p className="text-sm text-slate-700">{t("planNote")}</p> : null}
      {paused ? (
        <div role="status">
          <Notice tone="warning">{t("paused")}</Notice>
        </div>
      ) : null}
      {state.status === "success" ? (
        <div role="status">
          <Notice tone="success">{state.messages?.notice}</Notice>
        </div>
      ) : null}
      <fieldset className="space-y-2" aria-describedby={errors.fieldErrors("requiredFor") ? "requiredFor-error" : undefined}>
        <legend className="text-sm font-semibold text-slate-900">{t("legend")}</legend>
        {errors.fieldErrors("requiredFor") ? (
          <p id="requiredFor-error" className="text-sm font-semibold text-red-700">
            {errors.fieldErrors("requiredFor")}
          </p>
        ) : null}
        {(["off", "admins", "everyone"] as const).map((value) => (
          <div key={value} className="space-y-1">
            <label className="flex items-center gap-2 text-sm text-slate-900">
              <input type="radio" name="requiredFor" value={value} defaultChecked={chosen === value} disabled={!available} id={value === "off" ? "requiredFor" : undefined} />
              {choices[value]}
            </label>
            {value !== "off" ? (
              <p className="pl-6 text-sm text-slate-600" data-testid={`policy-impact-${value}`}>
                {t("impact", { count: impacts[value].withoutTwoStep, people: format.list(impacts[value].named) })}
                {/* Said only when someone is exempt: the message is empty for nobody, which would show its key. */}
                {impacts[value].ssoPeople > 0 ? ` ${t("ssoExempt", { count: impacts[value].ssoPeople })}` : null}
              </p>
            ) : null}
          </div>
        ))}
      </fieldset>
      <Field id="graceDays" label={t("graceDays")} hint={t("graceHint")} errors={errors.fieldErrors("graceDays")}>
        <TextInput
          id="graceDays"
          name="graceDays"
          hint
          type="number"
          inputMode="numeric"
          min={0}
          max={30}
          defaultValue={state.values?.graceDays ?? String(graceDays)}
          disabled={!available}
          errors={errors.fieldErrors("graceDays")}
        />
      </Field>
      {requiredFor !== "off" ? <p className="text-sm text-slate-700">{t("deadline", { deadline: format.dateTime(new Date(deadline), { dateStyle: "long", timeZone: "UTC" }) })}</p> : null}
      {available ? <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton> : null}
    </form>
  );
}
