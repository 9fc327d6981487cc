"use client";

import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/form-state";

/** Translates a form state's error codes: per field, and as a summary list linking to the fields. */
export function useFormErrors(state: FormState) {
  const t = useTranslations("Errors");
  const text = (code: string): string => (t.has(code as never) ? t(code as never) : t("generic"));
  const fields = state.status === "error" ? (state.fields ?? {}) : {};
  const fieldErrors = (field: string): string[] | undefined => fields[field]?.map(text);
  const summary = Object.entries(fields)
    .filter(([field]) => field !== "_form")
    .map(([field, codes]) => ({ field, message: text(codes?.[0] ?? "generic") }));
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
