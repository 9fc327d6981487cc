import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { format } from "node:util";
import pino, { type DestinationStream, type Logger } from "pino";

/**
 * The one logger: JSON lines on stdout (pino), every line of a request carrying its `requestId`,
 * and nothing secret in any of them — keys named like secrets are redacted, and any string that
 * holds a link token, a bearer credential, an API key or a session cookie is scrubbed.
 */

export type RequestContext = { requestId: string };

// server.mjs creates the same store under this key: every Next bundle and the custom server share it.
const contextKey = Symbol.for("org-console.request-context");
const loggerKey = Symbol.for("org-console.logger");
type Shared = typeof globalThis & { [contextKey]?: AsyncLocalStorage<RequestContext>; [loggerKey]?: Logger };
const shared = globalThis as Shared;

function requestStorage(): AsyncLocalStorage<RequestContext> {
  shared[contextKey] ??= new AsyncLocalStorage<RequestContext>();
  return shared[contextKey];
}

/** Runs `work` as one request: every line it logs, however deep, names `requestId`. */
export function withRequestContext<T>(requestId: string, work: () => T): T {
  return requestStorage().run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return requestStorage().getStore()?.requestId;
}

const acceptedRequestId = /^[A-Za-z0-9_-]{8,64}$/;

/** A client's `X-Request-Id` is kept only when it is plainly an identifier; else a new UUID. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && acceptedRequestId.test(header) ? header : randomUUID();
}

// Keys whose values never reach a log line, at the top level and one or two levels down.
const secretKeys = ["password", "newPassword", "currentPassword", "passwordHash", "token", "tokenHash", "secret", "secretHash", "apiKey", "key", "cookie", "cookies", "authorization", "sessionToken", "link", "otp"];
const redactPaths = [
  ...secretKeys,
  ...secretKeys.map((key) => `*.${key}`),
  ...secretKeys.map((key) => `*.*.${key}`),
  'headers["set-cookie"]',
  'req.headers["set-cookie"]',
  'headers["x-api-key"]',
];

const scrubbers: [RegExp, string][] = [
  // A failed query's parameters (Drizzle puts them in the message): they may hold hashes and secrets.
  [/(\nparams: )[^\n]*/g, "$1[redacted]"],
  // Any query parameter that carries a credential: reset, invitation, restore and confirmation links.
  [/([?&](?:token|code|key|secret|password|sig|signature|ticket)=)[^&\s"'#]+/gi, "$1[redacted]"],
  // Link tokens in a path (/invite/<token>) — anything long and token-shaped after a slash.
  [/(\/)[A-Za-z0-9_-]{32,}(?=[/?#\s"']|$)/g, "$1[redacted]"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 [redacted]"],
  [/\boc_[A-Za-z0-9_-]{8,}/g, "oc_[redacted]"],
  [/((?:__Secure-)?authjs\.[a-z-]+(?:\.\d+)?=)[^;\s"']+/gi, "$1[redacted]"],
  // Credentials inside a URL (smtp://user:password@host).
  [/(\/\/)[^/@\s:"']+:[^/@\s"']+@/g, "$1[redacted]@"],
  [/\bwhsec_[A-Za-z0-9+/=]+/g, "whsec_[redacted]"],
];

/** Removes what looks like a credential from free text (messages, error texts, URLs). */
export function scrub(text: string): string {
  return scrubbers.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  // Errors go to the `err` serializer below, which scrubs their text.
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValue(item, depth + 1)]));
}

function scrubbedError(error: unknown): unknown {
  if (!(error instanceof Error)) return scrubValue(error);
  const { params, ...serialized } = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  return scrubValue(params === undefined ? serialized : { ...serialized, params: "[redacted]" });
}

/** LOG_LEVEL (default info); tests are silent unless LOG_LEVEL asks. */
export function logLevel(env: Record<string, string | undefined> = process.env): string {
  const level = env.LOG_LEVEL?.trim().toLowerCase();
  if (level && ["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(level)) return level;
  return env.NODE_ENV === "test" ? "silent" : "info";
}

/** A logger on any stream (tests capture lines this way); the application uses `log`. */
export function createLogger(destination?: DestinationStream, level = logLevel()): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (object) => scrubValue(object) as Record<string, unknown> },
      redact: { paths: redactPaths, censor: "[redacted]" },
      serializers: { err: scrubbedError },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      hooks: {
        logMethod(args, method) {
          // log.error(error) names the line by the error's message: scrub that too.
          const [first, ...rest] = args as unknown[];
          const normalized = first instanceof Error ? [{ err: first }, ...(rest.length > 0 ? rest : [first.message])] : args;
          const scrubbed = normalized.map((argument) => (typeof argument === "string" ? scrub(argument) : argument)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
    },
    // Buffered writes in the server; synchronous in tests and scripts that exit right after logging.
    destination ?? pino.destination({ dest: 1, sync: process.env.NODE_ENV !== "production" }),
  );
}

/** The process's logger (one stdout stream, shared by every bundle). */
export function logger(): Logger {
  shared[loggerKey] ??= createLogger();
  return shared[loggerKey];
}

/** Replaces the process's logger (tests point it at a captured stream), returning the previous one. */
export function setLogger(next: Logger | undefined): Logger | undefined {
  const previous = shared[loggerKey];
  shared[loggerKey] = next;
  return previous;
}

/**
 * Sends console output (Next prints render errors with console.error, queries and their
 * parameters included) through the logger: scrubbed JSON lines like every other. Server only.
 */
export function routeConsoleToLogger(): void {
  const write = (level: "error" | "warn" | "info") => (...args: unknown[]) => {
    const [first, ...rest] = args;
    if (first instanceof Error) logger().child({ component: "next" })[level]({ err: first }, rest.length > 0 ? format(...rest) : first.message);
    else logger().child({ component: "next" })[level](format(...args));
  };
  console.error = write("error");
  console.warn = write("warn");
  console.info = write("info");
  console.log = write("info");
}

/** One module's lines: `log("mail").error({ err }, "not sent")`. */
export function log(component: string): Logger {
  return logger().child({ component });
}
