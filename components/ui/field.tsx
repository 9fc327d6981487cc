import type { InputHTMLAttributes, ReactNode } from "react";

export const inputClass =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 shadow-sm aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700";

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
      <label htmlFor={id} className="block text-sm font-semibold text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm font-semibold text-red-700">
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
