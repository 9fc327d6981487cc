import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { signIn } from "@/lib/auth/next-auth";
import { completeSsoSignIn, databaseStores, getActiveConnection, identityProviderOf } from "@/lib/sso/connections";
import { isUuid, localeOf, publicOrigin, safeReturnPath } from "@/lib/sso/routes";
import { serviceProviderFor, validateSignInResponse } from "@/lib/sso/saml";

/**
 * Assertion Consumer Service: the identity provider posts the SAMLResponse here. Every refusal
 * lands on a localized page without a session; success signs in through Auth.js with a ticket.
 */
export async function POST(request: Request, { params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  const origin = publicOrigin(request);
  const form = await request.formData().catch(() => null);
  const relayState = form?.get("RelayState");
  const locale = localeOf(relayState);
  const refuse = (reason: string) => NextResponse.redirect(new URL(`/${locale}/sso/error?reason=${reason}`, origin), 303);

  const samlResponse = form?.get("SAMLResponse");
  if (!isUuid(organizationId) || typeof samlResponse !== "string" || samlResponse.length > 500_000) return refuse("invalidResponse");
  const db = await getDb();
  const connection = await getActiveConnection(db, organizationId);
  if (!connection) return refuse("ssoUnavailable");
  const validated = await validateSignInResponse(serviceProviderFor(origin, organizationId), identityProviderOf(connection), databaseStores(db, organizationId), samlResponse);
  if (!validated.ok) return refuse(validated.error);
  const completed = await completeSsoSignIn(db, organizationId, { email: validated.email, name: validated.name });
  if (!completed.ok) return refuse(completed.error);
  try {
    await signIn("saml", { ticket: completed.ticket, redirect: false });
  } catch {
    return refuse("invalidResponse");
  }
  return NextResponse.redirect(new URL(safeReturnPath(relayState, locale), origin), 303);
}
