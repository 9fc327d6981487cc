"use client";

import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/core/form-state";

/**
 * Translates a form state's error codes: one message per field (the first problem, as a person
 * fixes one thing at a time), and a summary list linking to the fields, named by their labels.
 */
export function useFormErrors(state: FormState, labels: Record<string, string> = {}) {
  const t = useTranslations("Errors");
  // A message may name facts the action sent along, such as the minutes to wait.
  const facts = state.status === "error" ? state.data : undefined;
  const text = (code: string): string => (t.has(code as never) ? t(code as never, facts as never) : t("generic"));
  const fields = state.status === "error" ? (state.fields ?? {}) : {};
  const fieldErrors = (field: string): string[] | undefined => {
    const first = fields[field]?.[0];
    return first ? [text(first)] : undefined;
  };
  const summary = Object.entries(fields)
    .filter(([field]) => field !== "_form")
    .map(([field, codes]) => {
      const message = text(codes?.[0] ?? "generic");
      const label = labels[field];
      return { field, message: label ? t("fieldMessage", { field: label, message }) : message };
    });
  if (state.status === "error" && state.code && state.code !== "validation" && summary.length === 0) {
    summary.push({ field: "", message: text(state.code) });
  }
  return {
    title: t("summaryTitle"),
    summary: summary.map((item) => (item.field ? item : { message: item.message })),
    fieldErrors,
    text,
  };
}
