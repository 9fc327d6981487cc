/**
 * The error each failed render threw, by request ID: instrumentation.ts's onRequestError records
 * it (as Next reports it, before the 500 is written) and the 500 held by server.mjs asks it, so a
 * page that lost the database answers 503 even if the database is back by the time the 500 goes
 * out. On globalThis: Next bundles instrumentation and the pages apart. No imports, so the
 * instrumentation file can load it at once.
 */
const failuresKey = Symbol.for("org-console.request-failures");
// Errors of answers that are never held (a streamed page, a route handler) are never taken: the oldest go first.
const keptAtMost = 1000;

function failures(): Map<string, unknown> {
  const store = globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>;
  return (store[failuresKey] ??= new Map());
}

export function rememberRequestFailure(requestId: unknown, error: unknown): void {
  if (typeof requestId !== "string" || requestId === "") return;
  const map = failures();
  map.delete(requestId);
  map.set(requestId, error);
  if (map.size > keptAtMost) map.delete(map.keys().next().value!);
}

/** The error the request's render threw, once (undefined when none was reported). */
export function takeRequestFailure(requestId: string | null | undefined): unknown {
  if (!requestId) return undefined;
  const map = failures();
  const error = map.get(requestId);
  map.delete(requestId);
  return error;
}
