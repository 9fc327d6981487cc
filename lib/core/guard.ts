import type { z } from "zod";
import { decide, type Action, type PermissionSubject } from "./permissions";
import { fail, type Failure, type FieldErrors } from "./result";
import { fieldErrors } from "./schemas";

/**
 * The door of every domain function: the actor asks the permission matrix, then the raw input is
 * parsed by the function's zod schema, in one call. The actor is any `PermissionSubject` (a person
 * today, an API key later), so every kind of actor goes through the same door.
 */

/** What a schema refusal answers when a function does not want `validation` with field errors. */
type Invalid<Code extends string> = (fields: FieldErrors) => Failure<Code>;

export type GuardOptions<Code extends string, PlanCode extends string> = {
  /** A refusal other than `validation` + field errors (e.g. a malformed ID answers `notFound`). */
  invalid?: Invalid<Code>;
  /** What a refusal by the plan (not the role) answers; `forbidden` unless told. */
  planRefusal?: PlanCode;
};

export type Passed<Actor, Input> = { ok: true; actor: Actor; input: Input };

type Schema<Actor> = z.ZodType | ((actor: Actor) => z.ZodType);
type InputOf<S> = S extends (actor: never) => infer T ? (T extends z.ZodType ? z.output<T> : never) : S extends z.ZodType ? z.output<S> : never;

/** Parses raw input; a refusal is `validation` with every field's error codes, or what `invalid` says. */
export function validate<S extends z.ZodType, Code extends string = "validation">(
  schema: S,
  input: unknown,
  invalid?: Invalid<Code>,
): { ok: true; input: z.output<S> } | Failure<Code> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, input: parsed.data };
  const fields = fieldErrors(parsed.error);
  return invalid ? invalid(fields) : (fail("validation", fields) as Failure<Code>);
}

/** The matrix's answer for every action named: a role refusal is `forbidden`, a plan refusal `planRefusal`. */
function refusal<PlanCode extends string>(actor: PermissionSubject, actions: readonly Action[], planRefusal?: PlanCode): Failure<"forbidden" | PlanCode> | null {
  for (const action of actions) {
    const decision = decide(actor, action);
    if (!decision.allowed) return fail(decision.reason === "plan" && planRefusal ? planRefusal : "forbidden");
  }
  return null;
}

export function guard<Actor extends PermissionSubject>(
  actor: Actor | null | undefined,
  action: Action | readonly Action[],
): Passed<Actor, undefined> | Failure<"forbidden">;
export function guard<Actor extends PermissionSubject, S extends Schema<Actor>, Code extends string = "validation", PlanCode extends string = "forbidden">(
  actor: Actor | null | undefined,
  action: Action | readonly Action[],
  schema: S,
  input: unknown,
  options?: GuardOptions<Code, PlanCode>,
): Passed<Actor, InputOf<S>> | Failure<"forbidden" | PlanCode | Code>;
export function guard<Actor extends PermissionSubject>(
  actor: Actor | null | undefined,
  action: Action | readonly Action[],
  schema?: Schema<Actor>,
  input?: unknown,
  options: GuardOptions<string, string> = {},
): Passed<Actor, unknown> | Failure {
  if (!actor) return fail("forbidden");
  const refused = refusal(actor, typeof action === "string" ? [action] : action, options.planRefusal);
  if (refused) return refused;
  if (!schema) return { ok: true, actor, input: undefined };
  const parsed = validate(typeof schema === "function" ? schema(actor) : schema, input, options.invalid);
  return parsed.ok ? { ok: true, actor, input: parsed.input } : parsed;
}
