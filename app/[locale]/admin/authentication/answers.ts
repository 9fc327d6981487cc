import { getTranslations } from "next-intl/server";
import { formMessagesOf, type Translator } from "@/i18n/form-messages";
import type { FormMessages, FormState } from "@/lib/core/form-state";

/**
 * The state's codes in words, the page's own (AuthenticationPage.messages) before the shared Errors.
 * Names only the page knows stay `{placeholders}` that the form fills in (components/authentication/
 * section-answer.ts); the facts the action sends along (`data`) are written here.
 */
export function sectionMessagesOf(state: FormState, section: Translator, errors: Translator): FormMessages {
  const values = { domain: "{domain}", name: "{name}", expected: "{expected}", ...state.data };
  const own = (code: string | undefined) => (code && section.has(code) ? section(code, values) : undefined);
  return formMessagesOf(state, errors, state.status === "success" ? own(state.code) : undefined, own);
}

/** The answer of an Authentication form's action, translated here so the page carries no catalogue for it. */
export async function answered(state: FormState): Promise<FormState> {
  const section = await getTranslations("AuthenticationPage.messages");
  const errors = await getTranslations("Errors");
  return { ...state, messages: sectionMessagesOf(state, section as unknown as Translator, errors as unknown as Translator) };
}

/** The identity provider's two forms: its settings typed by hand, or read from its pasted metadata. */
type SsoForm = "connection" | "metadata";

/**
 * The codes of an identity provider's form in words: the form's own (Sso), before the shared Errors;
 * on success its line, and for the metadata what was read from it (the facts the action sent).
 */
export function ssoMessagesOf(state: FormState, form: SsoForm, sso: Translator, errors: Translator): FormMessages {
  const own = (code: string) => {
    if (form === "connection") return code === "invalidUrl" || code === "invalidCertificate" ? sso(`connection.${code}`) : undefined;
    if (sso.has(`metadataErrors.${code}`)) return sso(`metadataErrors.${code}`);
    return code === "planRequired" ? sso("settings.planRequired") : undefined;
  };
  if (state.status !== "success") return formMessagesOf(state, errors, undefined, own);
  const messages = formMessagesOf(state, errors, sso(`${form}.saved`), own);
  if (form === "connection") return messages;
  const read = state.data ?? {};
  const details = [
    sso("metadata.readEntityId", { value: String(read.entityId) }),
    sso("metadata.readSsoUrl", { value: String(read.ssoUrl) }),
    sso("metadata.readCertificates", { count: Number(read.certificates) }),
    ...(Number(read.expired) > 0 ? [sso("metadata.readExpired", { count: Number(read.expired) })] : []),
  ];
  return { ...messages, details };
}

/** The answer of the identity provider's forms (settings by hand, or read from metadata), translated here. */
export async function ssoAnswered(state: FormState, form: SsoForm): Promise<FormState> {
  const sso = await getTranslations("Sso");
  const errors = await getTranslations("Errors");
  return { ...state, messages: ssoMessagesOf(state, form, sso as unknown as Translator, errors as unknown as Translator) };
}
