import type { FormState } from "@/lib/core/form-state";

/** The names an action leaves as `{placeholders}` in its words, for the form to fill in: the page knows them. */
const pageNames = /\{(domain|name|expected)\}/g;

/**
 * What an Authentication form shows of its action's answer, which the action translated with the
 * page's own words first (AuthenticationPage.messages, then Errors): the page carries no catalogue.
 */
export function sectionAnswer(state: FormState, fill: Record<string, string> = {}) {
  const messages = state.messages;
  const filled = (text: string) => text.replace(pageNames, (whole, name: string) => fill[name] ?? whole);
  const text = (code: string): string => filled(messages?.errors[code] ?? messages?.errors.generic ?? code);
  return {
    text,
    summaryTitle: messages?.summaryTitle ?? "",
    /** One line saying what the last submission did, or null before any. */
    outcome: state.status === "idle" || !state.code ? null : state.status === "success" ? filled(messages?.notice ?? "") : text(state.code),
    fieldError: (field: string) => {
      const code = state.status === "error" ? state.fields?.[field]?.[0] : undefined;
      return code ? [text(code)] : undefined;
    },
  };
}
