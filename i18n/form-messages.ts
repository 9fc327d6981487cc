import { getTranslations } from "next-intl/server";
import type { FormMessages, FormState } from "@/lib/core/form-state";

/** A translator, as next-intl gives one on the server or in a test. */
export type Translator = {
  (key: string, values?: Record<string, string | number>): string;
  has: (key: string) => boolean;
};

/**
 * The state's error codes (the form's and each field's first) in words, with the summary's title and
 * pattern. `own` gives a form's own words for a code, tried before the shared `Errors`.
 */
export function formMessagesOf(state: FormState, t: Translator, notice?: string, own?: (code: string) => string | undefined): FormMessages {
  // A message may name facts the action sent along, such as the minutes to wait.
  const facts = state.status === "error" ? state.data : undefined;
  const codes = new Set<string>(["generic"]);
  if (state.status === "error") {
    if (state.code) codes.add(state.code);
    for (const field of Object.values(state.fields ?? {})) if (field?.[0]) codes.add(field[0]);
  }
  const errors = Object.fromEntries([...codes].map((code) => [code, own?.(code) ?? (t.has(code) ? t(code, facts) : t("generic"))]));
  const fieldMessage = t("fieldMessage", { field: "{field}", message: "{message}" });
  return { summaryTitle: t("summaryTitle"), fieldMessage, errors, ...(notice === undefined ? {} : { notice }) };
}

/**
 * A form state with its codes translated here, on the server, in the request's language: the form
 * (see components/forms/form-messages.ts) then needs no `Errors` catalogue in the page, with or
 * without JavaScript. `notice` is the success's one line, when the form shows one.
 */
export async function withMessages(state: FormState, notice?: string): Promise<FormState> {
  const t = await getTranslations("Errors");
  return { ...state, messages: formMessagesOf(state, t as unknown as Translator, notice) };
}
