/**
 * @jest-environment jsdom
 */
import { render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput } from "@/components/ui/field";
import type { FormState } from "@/lib/core/form-state";
import { useFormErrors } from "./use-form-errors";

function EmailForm({ state }: { state: FormState }) {
  const errors = useFormErrors(state);
  return (
    <form>
      <ErrorSummary title={errors.title} items={errors.summary} />
      <Field id="email" label="Email" errors={errors.fieldErrors("email")}>
        <TextInput id="email" name="email" defaultValue={state.values?.email} errors={errors.fieldErrors("email")} />
      </Field>
    </form>
  );
}

function renderIn(locale: "fr" | "en", state: FormState) {
  return render(
    <NextIntlClientProvider locale={locale} messages={locale === "fr" ? fr : en}>
      <EmailForm state={state} />
    </NextIntlClientProvider>,
  );
}

describe("form errors", () => {
  it("shows nothing before the first submission", () => {
    renderIn("en", { status: "idle" });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByLabelText("Email")).not.toHaveAttribute("aria-invalid");
  });

  it("lists each field error at the top, linked to the field, and repeats it beside the field", () => {
    renderIn("en", { status: "error", code: "validation", fields: { email: ["invalidEmail"] }, values: { email: "nope" } });
    const link = screen.getByRole("link", { name: "Enter an email address like name@example.com." });
    expect(link).toHaveAttribute("href", "#email");
    const input = screen.getByLabelText("Email");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAttribute("aria-describedby", "email-error");
    expect(input).toHaveValue("nope");
    expect(document.activeElement).toBe(screen.getByRole("alert"));
  });

  it("names the field in the summary when the form gives its labels", () => {
    function Labelled() {
      const errors = useFormErrors({ status: "error", code: "validation", fields: { email: ["required", "invalidEmail"] } }, { email: "Email" });
      return <ErrorSummary title={errors.title} items={errors.summary} />;
    }
    render(
      <NextIntlClientProvider locale="fr" messages={fr}>
        <Labelled />
      </NextIntlClientProvider>,
    );
    expect(screen.getByRole("link").textContent).toBe("Email\u00a0: Ce champ est obligatoire.");
  });

  it("speaks French, and falls back to a generic message for an unknown code", () => {
    renderIn("fr", { status: "error", code: "somethingUnheardOf" });
    expect(screen.getByRole("alert")).toHaveTextContent("Un problème est survenu");
    expect(screen.getByRole("alert")).toHaveTextContent("Une erreur s’est produite de notre côté.");
  });
});
