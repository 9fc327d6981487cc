import type { InputHTMLAttributes, ReactNode } from "react";

/** `.input` (app/globals.css) at full width; a `w-…` utility added beside it still wins as before. */
export const inputClass = "input w-full";

/** One question: a visible label, an optional hint, the error beside the field. */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="field-error">
          {errors.join(" ")}
        </p>
      ) : null}
      {children}
    </div>
  );
}

/** Props that tie an input to its hint and error for screen readers. */
export function describedBy(
  id: string,
  hasHint: boolean,
  errors?: string[],
): { id: string; "aria-describedby"?: string; "aria-invalid"?: true } {
  const ids = [hasHint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return {
    id,
    "aria-describedby": ids.length ? ids.join(" ") : undefined,
    "aria-invalid": errors?.length ? true : undefined,
  };
}

export function TextInput({
  id,
  hint,
  errors,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { id: string; hint?: boolean; errors?: string[] }) {
  return <input className={inputClass} {...describedBy(id, Boolean(hint), errors)} {...props} />;
}
