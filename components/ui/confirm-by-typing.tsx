"use client";

import { useState, useSyncExternalStore, type ReactNode } from "react";
import { normalizeDisplayText } from "@/lib/core/display-text";
import { Field, TextInput } from "./field";
import { SubmitButton } from "./submit-button";

// True once the browser runs this component's JavaScript (false in the server render).
const noSubscription = () => () => {};

/**
 * A confirmation field that asks to type a name, and the destructive button it guards. With
 * JavaScript the button turns on only when the text matches; without, the server checks alone.
 */
export function ConfirmByTyping({
  id,
  expected,
  label,
  hint,
  errors,
  defaultValue,
  submitLabel,
  pendingLabel,
  children,
}: {
  id: string;
  expected: string;
  label: ReactNode;
  hint: ReactNode;
  errors?: string[];
  defaultValue?: string;
  submitLabel: string;
  pendingLabel: string;
  children?: ReactNode;
}) {
  const [typed, setTyped] = useState(defaultValue ?? "");
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const matches = normalizeDisplayText(typed) === expected;
  return (
    <>
      <Field id={id} label={label} hint={hint} errors={errors}>
        <TextInput
          id={id}
          name="confirmation"
          autoComplete="off"
          spellCheck={false}
          required
          hint
          errors={errors}
          defaultValue={defaultValue}
          onChange={(event) => setTyped(event.currentTarget.value)}
        />
      </Field>
      {children}
      <SubmitButton variant="danger" pendingLabel={pendingLabel} disabled={hydrated && !matches}>
        {submitLabel}
      </SubmitButton>
    </>
  );
}
