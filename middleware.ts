import { NextResponse, type NextRequest } from "next/server";
import createIntlMiddleware from "next-intl/middleware";
import { getDb } from "@/db";
import { isLocale, type AppLocale } from "@/i18n/locales";
import { routing } from "@/i18n/routing";
import { contentSecurityPolicy, scriptNonce, strictTransportSecurity } from "@/lib/core/content-security";
import { canOpenSection, sectionOfPath } from "@/lib/core/console-sections";
import { acceptsHost } from "@/lib/core/origin";
import { readSessionCookie } from "@/lib/auth/session-cookie";
import { loadSessionUser, type GoneReason } from "@/lib/auth/session-user";
import { dropViewerHandoff, handOffViewer } from "@/lib/auth/viewer-handoff";
import { databaseUnavailable, unavailablePage, whenDatabaseAnswers } from "@/lib/core/unavailable";

const intl = createIntlMiddleware(routing);

const signedInOnly = ["/studio", "/chat", "/admin"];
const signedOutOnly = ["/sign-in", "/sign-up"];
// Where refusals are rewritten to. Next may serve a rewrite by proxying it back to this server, so
// these two pass the gate themselves (they only answer 403 and 404), or a refusal would loop.
const refusalPages = { forbidden: "/admin/not-allowed", unknown: "/admin/unknown-section" };

function startsWithSegment(path: string, prefixes: string[]): boolean {
  return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

function sessionCookieNames(request: NextRequest): string[] {
  return request.cookies
    .getAll()
    .map((cookie) => cookie.name)
    .filter((name) => /^(__Secure-)?authjs\.session-token(\.\d+)?$/.test(name));
}

/**
 * Every page answer carries a per-request script nonce (Next reads it from the request's CSP
 * header) and HSTS when the public origin is https. Without APP_URL (development) only a loopback
 * Host is served, so a stranger's Host header never turns into a link.
 */
export default async function middleware(request: NextRequest) {
  if (!acceptsHost(request.headers.get("host"))) return untrustedHost();
  // Only this middleware may hand the page a viewer (the page checks its MAC anyway).
  dropViewerHandoff(request.headers);
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next({ request: { headers: request.headers } });
  const policy = contentSecurityPolicy(scriptNonce());
  request.headers.set("content-security-policy", policy);
  const response = await gate(request);
  response.headers.set("Content-Security-Policy", policy);
  const hsts = strictTransportSecurity();
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

function untrustedHost(): Response {
  return new Response("400 Bad Request: this development server answers only on localhost, 127.0.0.1 or [::1]. Set APP_URL to serve another address.\n", {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * A convenience gate: it sends signed-out people to sign-in and keeps people out of sections their
 * role cannot open. Pages and domain functions check again; nothing trusts what this file decides.
 */
async function gate(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const [, first, ...rest] = pathname.split("/");
  if (!isLocale(first)) return intl(request);
  const locale: AppLocale = first;
  const path = `/${rest.join("/")}`.replace(/\/$/, "") || "/";
  const session = await readSessionCookie(request.cookies);

  if (!session) {
    if (!startsWithSegment(path, signedInOnly)) return intl(request);
    const signIn = new URL(`/${locale}/sign-in`, request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }

  // The database down, restarting or too slow: a localized 503 page, never a 500 or a hang.
  const lookup = await whenDatabaseAnswers(async () => loadSessionUser(await getDb(), session.sessionId));
  if (lookup === databaseUnavailable) {
    const page = unavailablePage(locale);
    return new NextResponse(page.body, page);
  }
  if (lookup.status === "gone") {
    // The cookie outlived its session, account or organization: drop it, and say so where a session was needed.
    if (!startsWithSegment(path, signedInOnly)) return clearSession(request, intl(request));
    return clearSession(request, NextResponse.redirect(goneDestination(request, locale, lookup.reason, `${pathname}${search}`)));
  }

  const { viewer } = lookup;
  // The page reuses this read instead of decoding the cookie and reading the session again.
  handOffViewer(request, viewer);
  if (startsWithSegment(path, signedOutOnly) || path === "/") {
    return NextResponse.redirect(new URL(`/${locale}/studio`, request.url));
  }
  // Past the grace period of the organization's two-step rule: everything leads to setting it up.
  if (viewer.twoStepSetup?.setupOnly && !startsWithSegment(path, ["/admin/profile", "/help"]) && !Object.values(refusalPages).includes(path)) {
    return NextResponse.redirect(new URL(`/${locale}/admin/profile/two-step`, request.url));
  }
  if (startsWithSegment(path, ["/admin"]) && !Object.values(refusalPages).includes(path)) {
    const section = sectionOfPath(path);
    // A section missing from the table does not exist: refused before any page is looked up.
    // The request keeps this answer's script nonce (its CSP header) through the rewrite.
    const keepHeaders = { request: { headers: request.headers } };
    if (!section) return refuse(request, new URL(`/${locale}${refusalPages.unknown}`, request.url), keepHeaders);
    if (!canOpenSection(viewer, section)) return refuse(request, new URL(`/${locale}${refusalPages.forbidden}`, request.url), keepHeaders);
  }
  return intl(request);
}

/**
 * The refusal page in place of the one asked for. A request with a body (a form or server-action POST)
 * is sent to it instead (303, the browser then GETs it): Next serves a rewrite by proxying the request,
 * and past the body it buffers for middleware (proxyClientMaxBodySize, 1 MB) that proxied request never
 * ended, so the client waited for ever (found by npm run fuzz, a 1 MB POST from a Billing person).
 */
function refuse(request: NextRequest, page: URL, keepHeaders: { request: { headers: Headers } }): NextResponse {
  if (request.method === "GET" || request.method === "HEAD") return NextResponse.rewrite(page, keepHeaders);
  return NextResponse.redirect(page, 303);
}

const accountGone = new Set<GoneReason>(["accountDeleted", "organizationDeleted", "organizationScheduledForDeletion", "left"]);

/** A gone account or organization gets its own page; an ended session gets the sign-in page, with why. */
function goneDestination(request: NextRequest, locale: AppLocale, reason: GoneReason, returnTo: string): URL {
  if (accountGone.has(reason)) {
    const page = new URL(`/${locale}/signed-out`, request.url);
    page.searchParams.set("reason", reason);
    return page;
  }
  const signIn = new URL(`/${locale}/sign-in`, request.url);
  if (reason !== "signedOut") signIn.searchParams.set("ended", reason);
  signIn.searchParams.set("callbackUrl", returnTo);
  return signIn;
}

function clearSession(request: NextRequest, response: NextResponse): NextResponse {
  for (const name of sessionCookieNames(request)) response.cookies.delete(name);
  return response;
}

export const config = {
  runtime: "nodejs",
  // SAML addresses are built on the public origin too: the loopback-Host rule covers them.
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)", "/api/saml/:path*"],
};
