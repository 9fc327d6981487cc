"use client";

import { useActionState, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { AddPasskey, type AddPasskeyProps } from "./add-passkey";
import { Link } from "@/i18n/link";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle, type FormState } from "@/lib/core/form-state";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

type PasskeyRow = { id: string; name: string; createdAt: string };

export type TwoStepPanelProps = {
  totp: boolean;
  recoveryCodesLeft: number;
  pending: { groupedSecret: string; qrSvg: string } | null;
  passkeys: PasskeyRow[];
  actions: {
    start: Action;
    confirm: Action;
    regenerate: Action;
    remove: Action;
    removePasskey: Action;
    passkeyOptions: AddPasskeyProps["optionsAction"];
    finishPasskey: AddPasskeyProps["finishAction"];
  };
};

/** The person's passkeys, each removable after the password (a plain form: works without JavaScript). */
function Passkeys({ passkeys, removeAction }: { passkeys: PasskeyRow[]; removeAction: Action }) {
  const t = useTranslations("TwoStep");
  const format = useFormatter();
  const [state, formAction] = useActionState(removeAction, idle);
  const errors = useFormErrors(state, { passkeyPassword: t("password") });
  if (passkeys.length === 0) {
    return (
      <>
        {state.status === "success" ? (
          <div role="status">
            <Notice tone="success">{t("passkeyRemoved")}</Notice>
          </div>
        ) : null}
        <p className="text-sm text-slate-700">{t("noPasskeys")}</p>
      </>
    );
  }
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={errors.title} items={errors.summary.map((item) => ("field" in item && item.field === "password" ? { ...item, field: "passkeyPassword" } : item))} />
      {state.code === "stepUpRequired" ? (
        <p>
          <Link href={{ pathname: "/admin/profile/confirm-identity", query: { returnTo: "/admin/profile/two-step" } }} className="font-semibold text-indigo-700 underline">
            {t("stepUpLink")}
          </Link>
        </p>
      ) : null}
      {state.status === "success" ? (
        <div role="status">
          <Notice tone="success">{t("passkeyRemoved")}</Notice>
        </div>
      ) : null}
      <fieldset className="space-y-2">
        <legend className="sr-only">{t("passkeysTitle")}</legend>
        <ul className="space-y-2" data-testid="passkeys">
          {passkeys.map((key, index) => (
            <li key={key.id}>
              <label className="flex items-center gap-2 text-sm text-slate-900">
                <input type="radio" name="passkeyId" value={key.id} defaultChecked={index === 0} aria-label={t("removePasskeyFor", { name: key.name })} />
                <span className="font-medium">{key.name}</span>
                <span className="text-slate-600">{t("passkeyAddedOn", { date: format.dateTime(new Date(key.createdAt), { dateStyle: "medium", timeZone: "UTC" }) })}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <Field id="passkeyPassword" label={t("password")} errors={errors.fieldErrors("password")}>
        <TextInput id="passkeyPassword" name="password" type="password" autoComplete="current-password" required errors={errors.fieldErrors("password")} />
      </Field>
      <SubmitButton pendingLabel={t("removing")} variant="secondary">
        {t("removePasskey")}
      </SubmitButton>
    </form>
  );
}

/** Codes shown once, right after they were made: a list to copy or print. */
function RecoveryCodes({ codes }: { codes: string }) {
  const t = useTranslations("TwoStep");
  return (
    <section aria-labelledby="recovery-codes-title" className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-4" data-testid="recovery-codes">
      <h3 id="recovery-codes-title" className="font-semibold text-emerald-950">
        {t("codesTitle")}
      </h3>
      <p className="text-sm text-emerald-950">{t("codesBody")}</p>
      <ol className="grid grid-cols-2 gap-2 font-mono text-base text-slate-900">
        {codes.split(" ").map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
    </section>
  );
}

function PasswordForm({ id, action, button, pendingLabel, variant }: { id: string; action: Action; button: string; pendingLabel: string; variant: "secondary" | "danger" }) {
  const t = useTranslations("TwoStep");
  const [state, formAction] = useActionState(action, idle);
  const errors = useFormErrors(state, { [`${id}Password`]: t("password") });
  const fieldErrors = errors.fieldErrors("password");
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={errors.title} items={errors.summary.map((item) => ("field" in item && item.field === "password" ? { ...item, field: `${id}Password` } : item))} />
      {state.code === "stepUpRequired" ? (
        <p>
          <Link href={{ pathname: "/admin/profile/confirm-identity", query: { returnTo: "/admin/profile/two-step" } }} className="font-semibold text-indigo-700 underline">
            {t("stepUpLink")}
          </Link>
        </p>
      ) : null}
      {state.status === "success" && state.data?.codes ? <RecoveryCodes codes={String(state.data.codes)} /> : null}
      {state.status === "success" && state.code === "removed" ? (
        <div role="status">
          <Notice tone="success">{t("removed")}</Notice>
        </div>
      ) : null}
      <Field id={`${id}Password`} label={t("password")} errors={fieldErrors}>
        <TextInput id={`${id}Password`} name="password" type="password" autoComplete="current-password" required errors={fieldErrors} />
      </Field>
      <SubmitButton pendingLabel={pendingLabel} variant={variant}>
        {button}
      </SubmitButton>
    </form>
  );
}

/** The Profile's two-step section: add an app (scan, confirm), then recovery codes and removal. */
export function TwoStepPanel({ totp, recoveryCodesLeft, pending, passkeys, actions }: TwoStepPanelProps) {
  const [passkeyCodes, setPasskeyCodes] = useState<string | null>(null);
  const on = totp || passkeys.length > 0;
  const t = useTranslations("TwoStep");
  const [startState, startAction] = useActionState(actions.start, idle);
  const [confirmState, confirmAction] = useActionState(actions.confirm, idle);
  const startErrors = useFormErrors(startState);
  const confirmErrors = useFormErrors(confirmState, { code: t("code") });
  const justEnabled = confirmState.status === "success" && confirmState.data?.codes;
  return (
    <div className="space-y-6">
      <p role="status" className="font-medium text-slate-900" data-testid="two-step-status">
        {on ? t("statusOn") : t("statusOff")}
      </p>
      {passkeyCodes ? <RecoveryCodes codes={passkeyCodes} /> : null}
      {justEnabled ? (
        <>
          <Notice tone="success">{t("enabled")}</Notice>
          <RecoveryCodes codes={String(confirmState.data!.codes)} />
        </>
      ) : null}
      {!totp && !pending ? (
        <form action={startAction} className="space-y-3">
          <ErrorSummary title={startErrors.title} items={startErrors.summary} />
          <h2 className="text-lg font-semibold text-slate-900">{t("startTitle")}</h2>
          <p className="text-sm text-slate-700">{t("startBody")}</p>
          <SubmitButton pendingLabel={t("starting")}>{t("start")}</SubmitButton>
        </form>
      ) : null}
      {!totp && pending ? (
        <div className="space-y-5">
          <section aria-labelledby="scan-title" className="space-y-3">
            <h2 id="scan-title" className="text-lg font-semibold text-slate-900">
              {t("scanTitle")}
            </h2>
            {/* Drawn on the server from our own otpauth:// address: no script, no request elsewhere. */}
            <div role="img" aria-label={t("qrLabel")} className="size-56 [&>svg]:size-full" dangerouslySetInnerHTML={{ __html: pending.qrSvg }} />
            <p className="text-sm text-slate-700">{t("secretLabel")}</p>
            <p className="break-all font-mono text-lg tracking-wide text-slate-900" data-testid="totp-secret">
              {pending.groupedSecret}
            </p>
          </section>
          <form action={confirmAction} noValidate className="space-y-4">
            <h2 className="text-lg font-semibold text-slate-900">{t("confirmTitle")}</h2>
            <ErrorSummary title={confirmErrors.title} items={confirmErrors.summary} />
            <Field id="code" label={t("code")} hint={t("codeHint")} errors={confirmErrors.fieldErrors("code")}>
              <TextInput id="code" name="code" hint inputMode="numeric" autoComplete="one-time-code" maxLength={9} required errors={confirmErrors.fieldErrors("code")} />
            </Field>
            <SubmitButton pendingLabel={t("confirming")}>{t("confirm")}</SubmitButton>
          </form>
        </div>
      ) : null}
      <section aria-labelledby="passkeys-title" className="space-y-3 border-t border-slate-200 pt-5">
        <h2 id="passkeys-title" className="text-lg font-semibold text-slate-900">
          {t("passkeysTitle")}
        </h2>
        <p className="text-sm text-slate-700">{t("passkeysBody")}</p>
        <Passkeys passkeys={passkeys} removeAction={actions.removePasskey} />
        <AddPasskey optionsAction={actions.passkeyOptions} finishAction={actions.finishPasskey} onCodes={setPasskeyCodes} />
      </section>
      {on ? (
        <>
          <p className="text-sm text-slate-700" data-testid="recovery-left">
            {t("recoveryLeft", { count: recoveryCodesLeft })}
          </p>
          <section aria-labelledby="regenerate-title" className="space-y-3 border-t border-slate-200 pt-5">
            <h2 id="regenerate-title" className="text-lg font-semibold text-slate-900">
              {t("regenerateTitle")}
            </h2>
            <p className="text-sm text-slate-700">{t("regenerateBody")}</p>
            <PasswordForm id="regenerate" action={actions.regenerate} button={t("regenerate")} pendingLabel={t("regenerating")} variant="secondary" />
          </section>
          {totp ? (
            <section aria-labelledby="remove-title" className="space-y-3 border-t border-slate-200 pt-5">
              <h2 id="remove-title" className="text-lg font-semibold text-slate-900">
                {t("removeTitle")}
              </h2>
              <p className="text-sm text-slate-700">{t("removeBody")}</p>
              <PasswordForm id="remove" action={actions.remove} button={t("remove")} pendingLabel={t("removing")} variant="danger" />
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
