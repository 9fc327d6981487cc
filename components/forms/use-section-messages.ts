"use client";

import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/core/form-state";

/** Sections whose forms answer with codes of their own before the shared `Errors`. */
type SectionMessages = "AuthenticationPage.messages" | "AuditStreaming.messages";

/** Codes of a section's forms: the section's own messages first, the shared `Errors` else. */
export function useSectionMessages(namespace: SectionMessages) {
  const t = useTranslations(namespace);
  const tErrors = useTranslations("Errors");
  const text = (code: string, values: Record<string, string | number> = {}): string => {
    if (t.has(code as never)) return t(code as never, values as never);
    return tErrors.has(code as never) ? tErrors(code as never) : tErrors("generic");
  };
  return {
    text,
    summaryTitle: tErrors("summaryTitle"),
    /** One line saying what the last submission did, or null before any. */
    outcome: (state: FormState) => (state.status === "idle" || !state.code ? null : text(state.code, state.data)),
    fieldError: (state: FormState, field: string) => {
      const code = state.status === "error" ? state.fields?.[field]?.[0] : undefined;
      return code ? [text(code)] : undefined;
    },
  };
}
