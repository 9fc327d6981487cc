"use client";

import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/core/form-state";

/** Codes of the audit streaming forms: ours first (`AuditStreaming.messages`), the shared `Errors` else. */
export function useStreamMessages() {
  const t = useTranslations("AuditStreaming.messages");
  const tErrors = useTranslations("Errors");
  const text = (code: string, values: Record<string, string | number> = {}): string => {
    if (t.has(code as never)) return t(code as never, values as never);
    return tErrors.has(code as never) ? tErrors(code as never) : tErrors("generic");
  };
  return {
    text,
    summaryTitle: tErrors("summaryTitle"),
    fieldError: (state: FormState, field: string) => {
      const code = state.status === "error" ? state.fields?.[field]?.[0] : undefined;
      return code ? [text(code)] : undefined;
    },
  };
}
