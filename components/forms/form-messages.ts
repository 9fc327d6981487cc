import type { FormState } from "@/lib/core/form-state";

/**
 * `useFormErrors` for a form whose action translates its own codes (`withMessages`): the same
 * summary and field errors, read from the state, so the page hands the form no `Errors` catalogue.
 */
export function formMessages(state: FormState, labels: Record<string, string> = {}) {
  const messages = state.messages;
  const text = (code: string): string => messages?.errors[code] ?? messages?.errors.generic ?? code;
  const fields = state.status === "error" ? (state.fields ?? {}) : {};
  const fieldErrors = (field: string): string[] | undefined => {
    const first = fields[field]?.[0];
    return first ? [text(first)] : undefined;
  };
  const named = (field: string, message: string) => (messages?.fieldMessage ?? "{field}: {message}").replace(/\{(field|message)\}/g, (_, part: string) => (part === "field" ? field : message));
  const summary: { field?: string; message: string }[] = Object.entries(fields)
    .filter(([field]) => field !== "_form")
    .map(([field, codes]) => {
      const message = text(codes?.[0] ?? "generic");
      const label = labels[field];
      return { field, message: label ? named(label, message) : message };
    });
  if (state.status === "error" && state.code && state.code !== "validation" && summary.length === 0) summary.push({ message: text(state.code) });
  return { title: messages?.summaryTitle ?? "", summary, fieldErrors, notice: messages?.notice };
}
