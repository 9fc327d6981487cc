import { formState, rowFields } from "./form-state";
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

describe("one row of a form shared by a table", () => {
  const table = () => {
    const data = new FormData();
    data.append("$ACTION_ID_abc", "");
    data.append("role:a1", "member");
    data.append("billing:a1", "on");
    data.append("role:b2", "admin");
    data.append("role:b2x", "member");
    return data;
  };

  it("answers the fields of the row whose button was pressed, named as a form of its own", () => {
    const data = table();
    data.append("userId", "b2");
    expect(rowFields(data, "userId")).toEqual({ userId: "b2", role: "admin" });
    const other = table();
    other.append("userId", "a1");
    expect(rowFields(other, "userId")).toEqual({ userId: "a1", role: "member", billing: "on" });
  });

  it("answers no row without a pressed button, and never lets a field replace the key", () => {
    expect(rowFields(table(), "userId")).toEqual({});
    const data = table();
    data.append("userId", "a1");
    data.append("userId:a1", "b2");
    expect(rowFields(data, "userId")).toEqual({ userId: "a1", role: "member", billing: "on" });
  });

  it("finds the row by its position when the pressed button names it (`<key>:<row>`, the ID as value)", () => {
    const data = new FormData();
    data.append("role:0", "admin");
    data.append("billing:0", "on");
    data.append("role:1", "member");
    data.append("role:10", "admin");
    data.append("userId:1", "b2");
    expect(rowFields(data, "userId")).toEqual({ userId: "b2", role: "member" });
    const none = new FormData();
    none.append("role:1", "member");
    none.append("userId:", "b2");
    expect(rowFields(none, "userId")).toEqual({});
  });
});
