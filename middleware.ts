import { NextResponse, type NextRequest } from "next/server";
import createIntlMiddleware from "next-intl/middleware";
import { getDb } from "@/db";
import { isLocale, type AppLocale } from "@/i18n/locales";
import { routing } from "@/i18n/routing";
import { canOpenSection, sectionOfPath } from "@/lib/core/console-sections";
import { readSessionCookie } from "@/lib/auth/session-cookie";
import { loadSessionUser } from "@/lib/auth/session-user";

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
 * A convenience gate: it sends signed-out people to sign-in and keeps people out of sections their
 * role cannot open. Pages and domain functions check again; nothing trusts what this file decides.
 */
export default async function middleware(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const [, first, ...rest] = pathname.split("/");
  if (!isLocale(first)) return intl(request);
  const locale: AppLocale = first;
  const path = `/${rest.join("/")}`.replace(/\/$/, "") || "/";
  const session = await readSessionCookie(request.cookies);
  const userId = session?.userId;

  if (!userId) {
    if (!startsWithSegment(path, signedInOnly)) return intl(request);
    const signIn = new URL(`/${locale}/sign-in`, request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }

  const lookup = await loadSessionUser(await getDb(), userId, session?.organizationId, session?.issuedAt ?? 0);
  if (lookup.status === "gone") {
    // The cookie outlived its account or organization: drop it, and say so where a session was needed.
    if (!startsWithSegment(path, signedInOnly)) return clearSession(request, intl(request));
    const page = new URL(`/${locale}/signed-out`, request.url);
    page.searchParams.set("reason", lookup.reason);
    return clearSession(request, NextResponse.redirect(page));
  }

  const { viewer } = lookup;
  if (startsWithSegment(path, signedOutOnly) || path === "/") {
    return NextResponse.redirect(new URL(`/${locale}/studio`, request.url));
  }
  if (startsWithSegment(path, ["/admin"]) && !Object.values(refusalPages).includes(path)) {
    const section = sectionOfPath(path);
    // A section missing from the table does not exist: refused before any page is looked up.
    if (!section) return NextResponse.rewrite(new URL(`/${locale}${refusalPages.unknown}`, request.url));
    if (!canOpenSection(viewer, section)) return NextResponse.rewrite(new URL(`/${locale}${refusalPages.forbidden}`, request.url));
  }
  return intl(request);
}

function clearSession(request: NextRequest, response: NextResponse): NextResponse {
  for (const name of sessionCookieNames(request)) response.cookies.delete(name);
  return response;
}

export const config = {
  runtime: "nodejs",
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
