import { z } from "zod";
import { guard, validate } from "./guard";
import { fail } from "./result";

const admin = { role: "admin" as const, billing: false, plan: "free" as const, name: "Ada" };
const member = { ...admin, role: "member" as const };
const schema = z.object({ name: z.string({ error: "required" }).min(1, { error: "required" }) });

describe("the guard at the door of domain functions", () => {
  it("refuses a signed-out caller before reading the input", () => {
    expect(guard(null, "organization.rename", schema, { name: "" })).toEqual({ ok: false, error: "forbidden" });
  });

  it("refuses a Member an Admin's action, whatever the input", () => {
    expect(guard(member, "organization.rename", schema, { name: "Acme" })).toEqual({ ok: false, error: "forbidden" });
  });

  it("answers every field's error codes for bad input from an allowed caller", () => {
    expect(guard(admin, "organization.rename", schema, {})).toEqual({ ok: false, error: "validation", fields: { name: ["required"] } });
  });

  it("hands back the parsed input and the caller when both pass", () => {
    expect(guard(admin, "organization.rename", schema, { name: "Acme", extra: 1 })).toEqual({ ok: true, actor: admin, input: { name: "Acme" } });
  });

  it("says planRequired only when the plan, not the role, refuses and the function asks for it", () => {
    expect(guard(admin, ["authentication.manage", "authentication.sso"], schema, { name: "x" }, { planRefusal: "planRequired" })).toEqual({ ok: false, error: "planRequired" });
    expect(guard(admin, "members.invite", schema, { name: "x" })).toEqual({ ok: false, error: "forbidden" });
    expect(guard(member, ["authentication.manage", "authentication.sso"], schema, { name: "x" }, { planRefusal: "planRequired" })).toEqual({ ok: false, error: "forbidden" });
  });

  it("lets a function answer its own code for a malformed input, and builds a schema from the caller", () => {
    const notFound = guard(admin, "members.manage", schema, { name: 3 }, { invalid: () => fail("notFound") });
    expect(notFound).toEqual({ ok: false, error: "notFound" });
    const typedName = guard(admin, "organization.rename", (actor) => z.object({ name: z.literal(actor.name) }), { name: "Ada" });
    expect(typedName).toMatchObject({ ok: true, input: { name: "Ada" } });
  });

  it("validates input for public functions that have no caller", () => {
    expect(validate(schema, { name: "" })).toEqual({ ok: false, error: "validation", fields: { name: ["required"] } });
    expect(validate(schema, { name: "" }, () => fail("invalid"))).toEqual({ ok: false, error: "invalid" });
  });
});
