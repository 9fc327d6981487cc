/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import en from "@/messages/en.json";
import type { FormState } from "@/lib/core/form-state";
import { ConfirmByTypingForm } from "./confirm-by-typing-form";

const text = { label: "Type the name, Acme", hint: "It cannot be undone.", submit: "Delete organization", pending: "Deleting…" };

function renderForm(action: (previous: FormState, formData: FormData) => Promise<FormState>) {
  return render(
    <NextIntlClientProvider locale="en" messages={en}>
      <ConfirmByTypingForm action={action} expected="Acme" idPrefix="delete" text={text} password={{ label: "Your password" }} />
    </NextIntlClientProvider>,
  );
}

describe("the confirm-by-typing form", () => {
  it("turns its button on only once the exact name is typed", () => {
    renderForm(async () => ({ status: "idle" }));
    const button = screen.getByRole("button", { name: "Delete organization" });
    expect(button).toBeDisabled();
    fireEvent.change(screen.getByLabelText("Type the name, Acme"), { target: { value: "acme" } });
    expect(button).toBeDisabled();
    fireEvent.change(screen.getByLabelText("Type the name, Acme"), { target: { value: "Acme" } });
    expect(button).toBeEnabled();
  });

  it("links each refused field to its own ID on the page and names it in the summary", async () => {
    // As the action answers it, through `withMessages`: its codes already in words.
    const messages = { summaryTitle: "There is a problem", fieldMessage: "{field}: {message}", errors: { generic: "Something went wrong.", wrongPassword: "This is not your current password." } };
    const action = jest.fn(async (): Promise<FormState> => ({ status: "error", code: "validation", fields: { password: ["wrongPassword"] }, values: { confirmation: "Acme" }, messages }));
    renderForm(action);
    fireEvent.change(screen.getByLabelText("Type the name, Acme"), { target: { value: "Acme" } });
    fireEvent.change(screen.getByLabelText("Your password"), { target: { value: "not-it" } });
    await act(async () => {
      screen.getByRole("button", { name: "Delete organization" }).closest("form")!.requestSubmit();
    });
    const sent = action.mock.calls[0] as unknown as [FormState, FormData];
    expect(sent[1].get("confirmation")).toBe("Acme");
    expect(sent[1].get("password")).toBe("not-it");
    const link = await screen.findByRole("link", { name: "Your password: This is not your current password." });
    expect(link).toHaveAttribute("href", "#deletePassword");
    expect(screen.getByLabelText("Your password")).toHaveAttribute("id", "deletePassword");
    expect(screen.getByLabelText("Your password")).toHaveAttribute("aria-invalid", "true");
  });
});
