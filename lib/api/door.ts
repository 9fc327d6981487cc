import "server-only";
import { createHash } from "node:crypto";
import { getDb } from "@/db";
import { authenticateApiKey } from "@/lib/api-keys/api-keys";
import { claimIdempotencyKey, countRequest, releaseIdempotencyKey, rememberIdempotentAnswer, type RateDecision } from "@/lib/api-keys/limits";
import type { KeyActor } from "@/lib/core/actor";
import { clientAddressFrom } from "@/lib/core/client-address";
import type { Db } from "@/lib/core/db";
import { readCappedBody } from "@/lib/core/request-body";
import type { Failure } from "@/lib/core/result";
import { countThrottleRefusal } from "@/lib/core/metrics";
import { databaseUnavailable, retryAfterSeconds, whenDatabaseAnswers } from "@/lib/core/unavailable";
import { isProblemCode, localeOf, problemBody, type ApiLocale, type ProblemCode } from "./problems";

/** What every API request may send at most: JSON bodies here are a few hundred bytes. */
export const apiBodyLimitBytes = 16 * 1024;

export type ApiRequest = {
  db: Db;
  actor: KeyActor;
  /** The parsed JSON object of a POST or PATCH ({} for none). */
  body: Record<string, unknown>;
  url: URL;
  params: Record<string, string>;
};

/** What a handler answers: a JSON value and its status, or a domain failure turned into a problem. */
export type ApiAnswer = { status: number; json: unknown } | { download: (headers: Headers) => Response } | Failure;

type Handler = (request: ApiRequest) => Promise<ApiAnswer>;

type RouteContext = { params: Promise<Record<string, string | string[]>> };

const json = (status: number, value: unknown, headers: Headers, contentType = "application/json") => {
  headers.set("Content-Type", contentType);
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(value), { status, headers });
};

function problem(code: ProblemCode, locale: ApiLocale, headers: Headers, errors?: Record<string, string[] | undefined>) {
  const body = problemBody(code, locale, { errors });
  return json(body.status, body, headers, "application/problem+json");
}

function rateHeaders(decision: RateDecision): Headers {
  return new Headers({
    "RateLimit-Limit": String(decision.limit),
    "RateLimit-Remaining": String(decision.remaining),
    "RateLimit-Reset": String(decision.resetSeconds),
    "RateLimit-Policy": `${decision.limit};w=60`,
  });
}

/** Turns a domain function's result code into its problem; unknown codes are a refusal, never a 500. */
export function failureProblem(failure: Failure, locale: ApiLocale, headers: Headers): Response {
  const code = isProblemCode(failure.error) ? failure.error : "validation";
  return problem(code, locale, headers, code === "validation" || failure.fields ? failure.fields : undefined);
}

async function readJsonObject(request: Request): Promise<{ ok: true; body: Record<string, unknown>; raw: Uint8Array } | { ok: false; code: ProblemCode }> {
  const capped = await readCappedBody(request, apiBodyLimitBytes);
  if (!capped.ok) return { ok: false, code: capped.status === 413 ? "payloadTooLarge" : "invalidJson" };
  if (capped.bytes.byteLength === 0) return { ok: true, body: {}, raw: capped.bytes };
  try {
    const parsed: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(capped.bytes));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { ok: false, code: "invalidJson" };
    return { ok: true, body: parsed as Record<string, unknown>, raw: capped.bytes };
  } catch {
    return { ok: false, code: "invalidJson" };
  }
}

/**
 * The one door of /api/v1: bearer key → actor, rate limit per key (shared through the database),
 * capped JSON body, Idempotency-Key on POST, then the handler, which calls the same domain
 * functions as the pages; any result code becomes an RFC 9457 problem.
 */
export function apiRoute(handler: Handler) {
  const serve = door(handler);
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    // A database that is down, restarting or silent past the request budget is a 503 the client
    // may retry, never a 500 or a hang; any other error still fails loudly.
    const answered = await whenDatabaseAnswers(() => serve(request, context));
    if (answered !== databaseUnavailable) return answered;
    return unavailableProblem(localeOf(request.headers.get("accept-language")));
  };
}

/** The 503 problem of every route handler while the database does not answer. */
export function unavailableProblem(locale: ApiLocale): Response {
  return problem("unavailable", locale, new Headers({ "Retry-After": String(retryAfterSeconds) }));
}

function door(handler: Handler) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    const db = await getDb();
    const locale = localeOf(request.headers.get("accept-language"));
    const clientAddress = clientAddressFrom(request.headers);
    const authenticated = await authenticateApiKey(db, request.headers.get("authorization"), { clientAddress });
    if (!authenticated.ok) {
      const headers = new Headers();
      if (authenticated.error !== "organizationDeleted") headers.set("WWW-Authenticate", 'Bearer realm="org-console"');
      return problem(authenticated.error, locale, headers);
    }
    const { actor } = authenticated;
    const rate = await countRequest(db, actor.id);
    const headers = rateHeaders(rate);
    if (!rate.allowed) {
      headers.set("Retry-After", String(rate.resetSeconds));
      countThrottleRefusal("apiKeyRate");
      return problem("rateLimited", locale, headers);
    }
    let body: Record<string, unknown> = {};
    let raw: Uint8Array = new Uint8Array(0);
    if (request.method !== "GET" && request.method !== "HEAD") {
      const read = await readJsonObject(request);
      if (!read.ok) return problem(read.code, locale, headers);
      ({ body, raw } = read);
    }
    const url = new URL(request.url);
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries((await context?.params) ?? {})) params[name] = Array.isArray(value) ? value.join("/") : value;

    const idempotencyKey = request.method === "POST" ? request.headers.get("idempotency-key") : null;
    let requestHash = "";
    if (idempotencyKey !== null) {
      if (!/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) return problem("validation", locale, headers, { "Idempotency-Key": ["invalidIdempotencyKey"] });
      requestHash = createHash("sha256").update(`${request.method} ${url.pathname}\n`).update(raw).digest("hex");
      const claim = await claimIdempotencyKey(db, actor.id, idempotencyKey, requestHash);
      if (claim.kind === "mismatch") return problem("idempotencyKeyReused", locale, headers);
      if (claim.kind === "inProgress") {
        headers.set("Retry-After", "1");
        return problem("idempotencyKeyInProgress", locale, headers);
      }
      if (claim.kind === "replay") {
        headers.set("Idempotent-Replayed", "true");
        headers.set("Content-Type", claim.answer.status >= 400 ? "application/problem+json" : "application/json");
        headers.set("Cache-Control", "no-store");
        return new Response(claim.answer.body, { status: claim.answer.status, headers });
      }
    }

    let response: Response;
    let replayable = true;
    try {
      const answer = await handler({ db, actor, body, url, params });
      // A download is never stored for replay.
      replayable = !("download" in answer);
      if ("download" in answer) response = answer.download(headers);
      else response = "ok" in answer ? failureProblem(answer, locale, headers) : json(answer.status, answer.json, headers);
    } catch (error) {
      if (idempotencyKey !== null) await releaseIdempotencyKey(db, actor.id, idempotencyKey, requestHash).catch(() => undefined);
      throw error;
    }
    if (idempotencyKey !== null) {
      if (replayable && response.status < 500) await rememberIdempotentAnswer(db, actor.id, idempotencyKey, requestHash, { status: response.status, body: await response.clone().text() });
      else await releaseIdempotencyKey(db, actor.id, idempotencyKey, requestHash);
    }
    return response;
  };
}

/** A JSON answer for a handler. */
export const answer = (status: number, value: unknown): ApiAnswer => ({ status, json: value });
