/** What every domain function returns: error codes, never sentences; pages translate the codes. */
export type FieldErrors = Partial<Record<string, string[]>>;

export type Failure<Code extends string = string> = { ok: false; error: Code; fields?: FieldErrors };
export type Result<T extends object = object, Code extends string = string> = ({ ok: true } & T) | Failure<Code>;

export function fail<Code extends string>(error: Code, fields?: FieldErrors): Failure<Code> {
  return fields ? { ok: false, error, fields } : { ok: false, error };
}
