"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonVariant } from "./button";

/** A submit button that says what it does, and shows progress while the form is sent. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  disabled,
  name,
  value,
}: {
  children: React.ReactNode;
  pendingLabel: string;
  variant?: ButtonVariant;
  disabled?: boolean;
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={disabled || pending} aria-disabled={disabled || pending} name={name} value={value}>
      {pending ? (
        <>
          <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />
          <span role="status">{pendingLabel}</span>
        </>
      ) : (
        children
      )}
    </Button>
  );
}
