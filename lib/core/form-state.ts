import type { FieldErrors, Result } from "./result";

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
  /** The codes above already translated by the action (i18n/form-messages.ts), so the form carries no catalogue. */
  messages?: FormMessages;
};

/** What a form shows of its state, in the request's language. */
export type FormMessages = {
  /** The error summary's heading. */
  summaryTitle: string;
  /** How the summary names a field: `{field}` and `{message}` are filled in by the form, which knows its labels. */
  fieldMessage: string;
  /** Each error code of the state (the form's and its fields'), translated. */
  errors: Record<string, string>;
  /** A success's one line, when the action says one. */
  notice?: string;
  /** A success's further lines after `notice` (what the action read or found), when it has some. */
  details?: string[];
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

/**
 * One row's fields of a form shared by a whole table: the submit button carries the row's key
 * (`name={key}`, `value={id}`; a browser sends only the button pressed) and each row's inputs are
 * named `<field>:<id>`. Or, shorter on a long table, the button is `name="<key>:<row>"` (the row's
 * position on the page) with the ID as value, and the inputs `<field>:<row>`. Answers
 * `{ [key]: id, field: value… }` for that row only, as `formFields` would for a form of its own;
 * without a key, no row.
 */
export function rowFields(formData: FormData, key: string): Record<string, string> {
  let id = formData.get(key);
  let suffix = typeof id === "string" ? `:${id}` : null;
  if (typeof id !== "string") {
    const pressed = [...formData.entries()].find(([name, value]) => name.startsWith(`${key}:`) && name.length > key.length + 1 && typeof value === "string");
    if (!pressed) return {};
    id = pressed[1] as string;
    suffix = pressed[0].slice(key.length);
  }
  const fields: Record<string, string> = { [key]: id };
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || !name.endsWith(suffix!)) continue;
    const field = name.slice(0, -suffix!.length);
    if (field && field !== key && !(field in fields)) fields[field] = value;
  }
  return fields;
}

/** What a form shows on success: a code it knows, and what to keep or add. */
export type Answer = Omit<FormState, "status"> & { status?: FormState["status"] };

export type FormStateOptions<T> = {
  /** The typed values sent back on a refusal (see `submittedValues`). */
  values?: Record<string, string>;
  /** Field IDs on the page when two forms share a field name (`confirmation` → `purgeConfirmation`). */
  fieldIds?: Record<string, string>;
  /** A refusal code the form says differently (e.g. a vanished row answers `missing`). */
  errorCode?: (error: string) => string;
  /** The answer to a success. */
  success?: (value: T) => Answer;
};

/** The one adapter from a domain function's result to what a server action answers its form. */
export function formState<T extends object>(result: Result<T>, options: FormStateOptions<{ ok: true } & T> = {}): FormState {
  if (result.ok) return { status: "success", ...options.success?.(result) };
  const state: FormState = { status: "error", code: options.errorCode ? options.errorCode(result.error) : result.error };
  if (result.fields) state.fields = renameFields(result.fields, options.fieldIds);
  if (options.values) state.values = options.values;
  // A throttled refusal says how long to wait, in whole minutes.
  if ("retryAfter" in result && typeof result.retryAfter === "number") state.data = { minutes: Math.ceil(result.retryAfter / 60) };
  return state;
}

function renameFields(fields: FieldErrors, ids: Record<string, string> = {}): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([field, codes]) => [ids[field] ?? field, codes]));
}
