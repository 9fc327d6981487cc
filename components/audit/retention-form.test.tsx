/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import type { FormState } from "@/lib/core/form-state";
import { RetentionForm } from "./retention-form";

const words = { label: "Keep events for (days)", hint: "From 30 to 3650 days.", save: "Save retention", saving: "Saving…" };

function renderForm(action: (previous: FormState, formData: FormData) => Promise<FormState>) {
  // No messages: the form's words come from the page, its answers from the action.
  return render(
    <NextIntlClientProvider locale="en" messages={{}}>
      <RetentionForm days={90} words={words} action={action} />
    </NextIntlClientProvider>,
  );
}

async function submit() {
  await act(async () => {
    screen.getByRole("button", { name: "Save retention" }).closest("form")!.requestSubmit();
  });
}

describe("the audit retention form", () => {
  it("shows the refusal the action worded, linked to the field, and keeps what was typed", async () => {
    const messages = { summaryTitle: "There is a problem", fieldMessage: "{field}: {message}", errors: { generic: "Something went wrong.", invalidDays: "Enter a number of days from 30 to 3650." } };
    renderForm(async () => ({ status: "error", code: "validation", fields: { days: ["invalidDays"] }, values: { days: "7" }, messages }));
    expect(screen.getByLabelText("Keep events for (days)")).toHaveValue("90");
    await submit();
    expect(await screen.findByRole("link", { name: "Enter a number of days from 30 to 3650." })).toHaveAttribute("href", "#days");
    expect(screen.getByLabelText("Keep events for (days)")).toHaveValue("7");
    expect(screen.getByLabelText("Keep events for (days)")).toHaveAttribute("aria-invalid", "true");
  });

  it("shows a refusal of the whole form, and the success's line", async () => {
    const messages = { summaryTitle: "There is a problem", fieldMessage: "{field}: {message}", errors: { generic: "Something went wrong.", planRequired: "Your plan does not include this." } };
    const action = jest
      .fn<Promise<FormState>, [FormState, FormData]>()
      .mockResolvedValueOnce({ status: "error", code: "planRequired", messages })
      .mockResolvedValueOnce({ status: "success", code: "retentionSaved", messages: { ...messages, errors: { generic: "Something went wrong." }, notice: "Retention saved." } });
    renderForm(action);
    await submit();
    expect(await screen.findByRole("alert")).toHaveTextContent("Your plan does not include this.");
    fireEvent.change(screen.getByLabelText("Keep events for (days)"), { target: { value: "120" } });
    await submit();
    expect(await screen.findByText("Retention saved.")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
