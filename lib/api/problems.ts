import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

/** Every error the API answers: its HTTP status; the `type` URI and the localized title follow from the code. */
export const problemStatus = {
  invalidJson: 400,
  unauthenticated: 401,
  keyRevoked: 401,
  keyExpired: 401,
  forbidden: 403,
  planRequired: 403,
  notFound: 404,
  methodNotAllowed: 405,
  lastAdmin: 409,
  emailHasAccount: 409,
  emailDomainClaimed: 409,
  alreadyAdded: 409,
  takenByAnotherOrganization: 409,
  exportInProgress: 409,
  tooMany: 409,
  /** The same Idempotency-Key is being answered for an identical request sent a moment before. */
  idempotencyKeyInProgress: 409,
  emailTaken: 409,
  organizationDeleted: 410,
  /** An export whose archive is past its 24 hours. */
  expired: 410,
  payloadTooLarge: 413,
  validation: 422,
  memberEmailMismatch: 422,
  consumerDomain: 422,
  idempotencyKeyReused: 422,
  rateLimited: 429,
  /** The database does not answer (down, restarting, or too slow): try again after Retry-After. */
  unavailable: 503,
} as const;

export type ProblemCode = keyof typeof problemStatus;

export const problemCodes = Object.keys(problemStatus) as ProblemCode[];

export function isProblemCode(value: string): value is ProblemCode {
  return Object.hasOwn(problemStatus, value);
}

/** A stable, non-resolvable identifier per error code (RFC 9457 §3.1.1 allows tag URIs). */
export function problemType(code: ProblemCode): string {
  return `tag:org-console.dev,2026:problems/${code}`;
}

const titles = { en: en.Api.problems, fr: fr.Api.problems };

export type ApiLocale = keyof typeof titles;

/** fr or en, as the client's Accept-Language prefers (highest q first); en otherwise. */
export function localeOf(acceptLanguage: string | null): ApiLocale {
  const ranked = (acceptLanguage ?? "")
    .slice(0, 500)
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith("q="))?.slice(2) ?? 1);
      return { language: tag.split("-")[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const found = ranked.find((entry) => entry.language === "fr" || entry.language === "en");
  return found?.language === "fr" ? "fr" : "en";
}

export type Problem = { type: string; title: string; status: number; code: ProblemCode; detail?: string; errors?: Record<string, string[]> };

export function problemBody(code: ProblemCode, locale: ApiLocale, extra: { errors?: Record<string, string[] | undefined> } = {}): Problem {
  const body: Problem = { type: problemType(code), title: titles[locale][code], status: problemStatus[code], code };
  if (extra.errors) {
    const errors: Record<string, string[]> = {};
    for (const [field, codes] of Object.entries(extra.errors)) if (codes) errors[field] = codes;
    body.errors = errors;
  }
  return body;
}
