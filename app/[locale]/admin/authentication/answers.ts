import { getTranslations } from "next-intl/server";
import { formMessagesOf } from "@/i18n/form-messages";
import type { FormMessages, FormState } from "@/lib/core/form-state";

/** A translator as next-intl gives one on the server or in a test. */
type Translator = {
  (key: string, values?: Record<string, string | number>): string;
  has: (key: string) => boolean;
};

/**
 * The state's codes in words, the page's own (AuthenticationPage.messages) before the shared Errors.
 * Names only the page knows stay `{placeholders}` that the form fills in (components/authentication/
 * section-answer.ts); the facts the action sends along (`data`) are written here.
 */
export function sectionMessagesOf(state: FormState, section: Translator, errors: Translator): FormMessages {
  const values = { domain: "{domain}", name: "{name}", expected: "{expected}", ...state.data };
  const own = (code: string | undefined) => (code && section.has(code) ? section(code, values) : undefined);
  const messages = formMessagesOf(state, errors, state.status === "success" ? own(state.code) : undefined);
  return { ...messages, errors: Object.fromEntries(Object.entries(messages.errors).map(([code, text]) => [code, own(code) ?? text])) };
}

/** The answer of an Authentication form's action, translated here so the page carries no catalogue for it. */
export async function answered(state: FormState): Promise<FormState> {
  const section = await getTranslations("AuthenticationPage.messages");
  const errors = await getTranslations("Errors");
  return { ...state, messages: sectionMessagesOf(state, section as unknown as Translator, errors as unknown as Translator) };
}
