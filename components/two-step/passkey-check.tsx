"use client";

import { useState } from "react";
import { useWebAuthn } from "@/components/two-step/use-webauthn";
import { startAuthentication } from "@simplewebauthn/browser";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { idle, type FormState } from "@/lib/core/form-state";

type Options = Parameters<typeof startAuthentication>[0];

export type PasskeyCheckProps = {
  /** Where to go once the passkey answered (the action redirects there). */
  target: string;
  optionsAction: () => Promise<Options | null>;
  verifyAction: (response: unknown, target: string) => Promise<FormState>;
  labels: { title: string; button: string; pending: string; needsJs: string };
};

/** A passkey check (second sign-in step, or step-up): it needs JavaScript, and says so without it. */
export function PasskeyCheck({ target, optionsAction, verifyAction, labels }: PasskeyCheckProps) {
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<FormState>(idle);
  const errors = useFormErrors(state);
  const ready = useWebAuthn();

  async function signInWithPasskey() {
    setBusy(true);
    try {
      const options = await optionsAction();
      if (!options) return setState({ status: "error", code: "secondStepExpired" });
      const response = await startAuthentication(options);
      // On success the action redirects; an answer here is a refusal.
      setState(await verifyAction(response, target));
    } catch (error) {
      // Next's redirect travels as a thrown value: let it through.
      if (error && typeof error === "object" && "digest" in error) throw error;
      setState({ status: "error", code: "passkeyRefused" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="passkey-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="passkey-title" className="font-semibold text-slate-900">
        {labels.title}
      </h2>
      <noscript>
        <p className="text-sm text-slate-700">{labels.needsJs}</p>
      </noscript>
      <div aria-live="polite">
        {state.status === "error" ? (
          <div role="alert">
            <Notice tone="warning">{errors.text(state.code ?? "generic")}</Notice>
          </div>
        ) : null}
        {busy ? <p className="text-sm text-slate-700">{labels.pending}</p> : null}
      </div>
      {ready ? (
        <Button type="button" variant="secondary" onClick={signInWithPasskey} disabled={busy} aria-disabled={busy}>
          {labels.button}
        </Button>
      ) : null}
    </section>
  );
}
