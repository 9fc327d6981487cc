"use client";

import { useState } from "react";
import { useWebAuthn } from "@/components/two-step/use-webauthn";
import { useTranslations } from "next-intl";
import { startRegistration } from "@simplewebauthn/browser";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { idle, type FormState } from "@/lib/core/form-state";

type Options = Parameters<typeof startRegistration>[0];

export type AddPasskeyProps = {
  optionsAction: () => Promise<{ ok: true; options: Options } | { ok: false; code: string }>;
  finishAction: (response: unknown, name: string) => Promise<FormState>;
  onCodes?: (codes: string) => void;
};

/** Adds a passkey with the browser's WebAuthn prompt: only offered once JavaScript runs. */
export function AddPasskey({ optionsAction, finishAction, onCodes }: AddPasskeyProps) {
  const t = useTranslations("TwoStep");
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState("");
  const [state, setState] = useState<FormState>(idle);
  const errors = useFormErrors(state);
  const ready = useWebAuthn();

  async function add() {
    setBusy(true);
    try {
      const started = await optionsAction();
      if (!started.ok) return setState({ status: "error", code: started.code });
      const response = await startRegistration(started.options);
      const finished = await finishAction(response, name);
      setState(finished);
      if (finished.status === "success" && finished.data?.codes) onCodes?.(String(finished.data.codes));
    } catch {
      // The person closed the prompt, or the device refused: nothing was stored.
      setState({ status: "error", code: "passkeyRefused" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      <noscript>
        <p className="text-sm text-slate-700">{t("passkeysNeedJs")}</p>
      </noscript>
      <div aria-live="polite">
        {state.status === "success" ? <Notice tone="success">{t("passkeyAdded")}</Notice> : null}
        {state.status === "error" ? (
          <div role="alert">
            <Notice tone="warning">{errors.text(state.code ?? "generic")}</Notice>
          </div>
        ) : null}
        {busy ? <p className="text-sm text-slate-700">{t("addingPasskey")}</p> : null}
      </div>
      {ready ? (
        <>
          <Field id="passkeyName" label={t("passkeyName")} hint={t("passkeyNameHint")}>
            <TextInput id="passkeyName" hint value={name} maxLength={60} onChange={(event) => setName(event.target.value)} />
          </Field>
          <Button type="button" variant="secondary" onClick={add} disabled={busy} aria-disabled={busy}>
            {t("addPasskey")}
          </Button>
        </>
      ) : null}
    </div>
  );
}
