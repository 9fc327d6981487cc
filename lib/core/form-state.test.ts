import { formState } from "./form-state";
import { fail } from "./result";

describe("a domain result as a form's state", () => {
  it("a refusal keeps the typed values and shows each field's error under the page's field ID", () => {
    const refused = fail("validation", { confirmation: ["confirmationMismatch"] });
    expect(formState(refused, { values: { confirmation: "Acm" }, fieldIds: { confirmation: "purgeConfirmation" } })).toEqual({
      status: "error",
      code: "validation",
      fields: { purgeConfirmation: ["confirmationMismatch"] },
      values: { confirmation: "Acm" },
    });
  });

  it("a refusal code can be said the form's way", () => {
    expect(formState(fail("notFound"), { errorCode: (code) => (code === "notFound" ? "missing" : code) })).toEqual({ status: "error", code: "missing" });
  });

  it("a success answers what the action says of it", () => {
    const done = { ok: true as const, name: "Acme", changed: true };
    expect(formState(done, { success: ({ name }) => ({ code: "renamed", values: { name } }) })).toEqual({ status: "success", code: "renamed", values: { name: "Acme" } });
  });
});
