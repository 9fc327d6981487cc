import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { log } from "./log";

/**
 * "The database does not answer" as opposed to "this query is wrong": only the first becomes a
 * 503 (a localized page, or problem+json on the API); a query bug still fails loudly as a 500.
 */

// postgres.js and Node socket codes for a connection that could not be made or was lost.
const connectionCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "DATABASE_TIMEOUT",
]);
// SQLSTATEs: class 08 (connection exception), shutdown and startup (57P01–57P03), too many
// connections (53300), and a statement cancelled by statement_timeout (57014).
const unavailableStates = /^(08...|57P0[1-3]|53300|57014)$/;

/** True when the error, or one it wraps (Drizzle wraps driver errors in `cause`), says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && (connectionCodes.has(code) || unavailableStates.test(code))) return true;
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

export class DatabaseTimeoutError extends Error {
  readonly code = "DATABASE_TIMEOUT";
  constructor(ms: number) {
    super(`the database did not answer within ${ms} ms`);
  }
}

export const databaseUnavailable = Symbol("databaseUnavailable");

/** How long a request waits for the database before it answers 503 (DATABASE_REQUEST_TIMEOUT_MS, default 5 s). */
export function requestBudgetMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.DATABASE_REQUEST_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : 5000;
}

/** Runs `work` within the request budget; a database that is down or too slow gives `databaseUnavailable`. */
export async function whenDatabaseAnswers<T>(work: () => Promise<T>, budgetMs = requestBudgetMs()): Promise<T | typeof databaseUnavailable> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeoutError(budgetMs)), budgetMs);
  });
  try {
    return await Promise.race([work(), deadline]);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log("database").warn({ err: error }, "database unavailable; answering 503");
    return databaseUnavailable;
  } finally {
    clearTimeout(timer);
  }
}

/** Seconds a client should wait before trying again. */
export const retryAfterSeconds = 5;

const pages = { en: en.Unavailable, fr: fr.Unavailable };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The 503 page: plain HTML from the catalogue, no database, no script, no stack. */
export function unavailablePage(locale: "en" | "fr"): Response {
  const t = pages[locale];
  const html = `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(t.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2937;line-height:1.5}h1{font-size:1.5rem}</style></head>
<body><main><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.body)}</p><p><a href="">${escapeHtml(t.retry)}</a></p></main></body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" },
  });
}
