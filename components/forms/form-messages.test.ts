import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { formMessagesOf } from "@/i18n/form-messages";
import type { FormState } from "@/lib/core/form-state";
import { formMessages } from "./form-messages";

// What an action answers through `withMessages`, in the given language.
function answered(state: FormState, locale: "en" | "fr", notice?: string): FormState {
  const t = createTranslator({ locale, messages: locale === "fr" ? fr : en, namespace: "Errors" });
  return { ...state, messages: formMessagesOf(state, t as never, notice) };
}

describe("form messages translated by the action", () => {
  it("shows nothing before the first submission", () => {
    const errors = formMessages({ status: "idle" });
    expect(errors.summary).toEqual([]);
    expect(errors.fieldErrors("name")).toBeUndefined();
  });

  it("lists each field's first error, named by its label, and repeats it beside the field", () => {
    const state = answered({ status: "error", code: "validation", fields: { name: ["required", "tooLong"] } }, "en");
    const errors = formMessages(state, { name: "New name" });
    expect(errors.title).toBe(en.Errors.summaryTitle);
    expect(errors.summary).toEqual([{ field: "name", message: `New name: ${en.Errors.required}` }]);
    expect(errors.fieldErrors("name")).toEqual([en.Errors.required]);
  });

  it("speaks French with its typography, and says a form-level refusal without a field", () => {
    const named = formMessages(answered({ status: "error", code: "validation", fields: { name: ["required"] } }, "fr"), { name: "Nom" });
    expect(named.summary).toEqual([{ field: "name", message: `Nom\u00a0: ${fr.Errors.required}` }]);
    const refused = formMessages(answered({ status: "error", code: "forbidden" }, "fr"));
    expect(refused.summary).toEqual([{ message: fr.Errors.forbidden }]);
  });

  it("falls back to the generic message for an unknown code, and carries the success's line", () => {
    expect(formMessages(answered({ status: "error", code: "noSuchCode" }, "en")).summary).toEqual([{ message: en.Errors.generic }]);
    expect(formMessages(answered({ status: "success", code: "renamed" }, "en", "Renamed.")).notice).toBe("Renamed.");
  });
});
