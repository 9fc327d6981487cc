import type { FieldErrors } from "./result";

/**
 * What a form's server action answers. With JavaScript off the page renders it after the POST;
 * with JavaScript on `useActionState` receives it. Codes only: the form translates them.
 */
export type FormState = {
  status: "idle" | "success" | "error";
  /** `Errors.<code>` for errors; a success code the form knows otherwise. */
  code?: string;
  fields?: FieldErrors;
  /** What the person typed, sent back so nothing is lost (never passwords). */
  values?: Record<string, string>;
  /** Extra facts a form may show, such as `retryAfter`. */
  data?: Record<string, string | number>;
};

export const idle: FormState = { status: "idle" };

/** The submitted text fields, passwords left out. */
export function submittedValues(formData: FormData, keep: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of keep) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value.slice(0, 2000);
  }
  return values;
}

/** FormData as a plain object of strings, for zod (files and repeated keys ignored). */
export function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string" && !(name in fields) && !name.startsWith("$ACTION")) fields[name] = value;
  }
  return fields;
}
