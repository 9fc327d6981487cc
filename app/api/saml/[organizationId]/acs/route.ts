import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { signIn } from "@/lib/auth/next-auth";
import { formOfBody, payloadTooLarge, readCappedBody } from "@/lib/core/request-body";
import { completeSsoSignIn, databaseStores, getActiveConnection, identityProviderOf } from "@/lib/sso/connections";
import { clearedRequestCookie, requestIdOfBrowser } from "@/lib/sso/request-cookie";
import { isUuid, localeOf, publicOrigin, safeReturnPath } from "@/lib/sso/routes";
import { serviceProviderFor, validateSignInResponse } from "@/lib/sso/saml";

/** A signed response with a certificate or two is a few tens of kilobytes; nothing bigger is read. */
const acsBodyLimitBytes = 256 * 1024;

/**
 * Assertion Consumer Service: the identity provider posts the SAMLResponse here. Every refusal
 * lands on a localized page without a session; success signs in through Auth.js with a ticket.
 */
export async function POST(request: Request, { params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  const origin = publicOrigin(request);
  // Checked before any byte of the body is read.
  if (!isUuid(organizationId)) return NextResponse.redirect(new URL("/en/sso/error?reason=invalidResponse", origin), 303);
  const body = await readCappedBody(request, acsBodyLimitBytes);
  if (!body.ok) return payloadTooLarge(body.status);
  const form = await formOfBody(request, body.bytes);
  const relayState = form?.get("RelayState");
  const locale = localeOf(relayState);
  const answer = (location: string) => {
    const response = NextResponse.redirect(new URL(location, origin), 303);
    // The request ID this browser held serves once, whatever the outcome.
    response.headers.append("Set-Cookie", clearedRequestCookie(origin, organizationId));
    return response;
  };
  const refuse = (reason: string) => answer(`/${locale}/sso/error?reason=${reason}`);

  const samlResponse = form?.get("SAMLResponse");
  if (typeof samlResponse !== "string") return refuse("invalidResponse");
  const db = await getDb();
  const connection = await getActiveConnection(db, organizationId);
  if (!connection) return refuse("ssoUnavailable");
  const browserRequestId = requestIdOfBrowser(request.headers.get("cookie"), origin);
  const validated = await validateSignInResponse(serviceProviderFor(origin, organizationId), identityProviderOf(connection), databaseStores(db, organizationId), samlResponse, browserRequestId);
  if (!validated.ok) return refuse(validated.error);
  const completed = await completeSsoSignIn(db, organizationId, { email: validated.email, name: validated.name });
  if (!completed.ok) return refuse(completed.error);
  try {
    await signIn("saml", { ticket: completed.ticket, redirect: false });
  } catch {
    return refuse("invalidResponse");
  }
  return answer(safeReturnPath(relayState, locale, origin));
}
