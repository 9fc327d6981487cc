import { randomBytes } from "node:crypto";
import { getDb } from "@/db";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { databaseStores, getActiveConnection } from "@/lib/sso/connections";
import { requestCookie } from "@/lib/sso/request-cookie";
import { isUuid, localeOf, publicOrigin, safeReturnPath } from "@/lib/sso/routes";
import { createSignInRequest, serviceProviderFor } from "@/lib/sso/saml";

const catalogues = { en, fr } as const;
const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * SP-initiated sign-in, HTTP-POST binding: a page that posts our AuthnRequest to the identity
 * provider. A visible button does it without JavaScript; a script does it at once otherwise.
 * Its own CSP names the identity provider's origin as the only other form target.
 */
export async function GET(request: Request, { params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  const url = new URL(request.url);
  const locale = localeOf(`/${url.searchParams.get("locale") ?? ""}`);
  const t = catalogues[locale].Sso;
  const db = await getDb();
  const connection = isUuid(organizationId) ? await getActiveConnection(db, organizationId) : undefined;
  if (!connection) return Response.redirect(new URL(`/${locale}/sso/error?reason=ssoUnavailable`, publicOrigin(request)), 303);
  const origin = publicOrigin(request);
  const relayState = safeReturnPath(url.searchParams.get("callbackUrl"), locale, origin);
  const sp = serviceProviderFor(origin, organizationId);
  const idp = { entityId: connection.idpEntityId, ssoUrl: connection.idpSsoUrl, certificate: connection.idpCertificate };
  const signInRequest = await createSignInRequest(sp, idp, databaseStores(db, organizationId), relayState);
  const nonce = randomBytes(16).toString("base64");
  const fields = Object.entries(signInRequest.fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escape(value)}">`)
    .join("");
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t.continueTitle)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #0f172a">
<main><h1 style="font-size: 1.5rem">${escape(t.continueTitle)}</h1><p>${escape(t.continueBody)}</p>
<form id="saml" method="post" action="${escape(signInRequest.url)}">${fields}
<button type="submit" style="background: #4338ca; color: #fff; border: 0; border-radius: .375rem; padding: .6rem 1rem; font-weight: 600; font-size: 1rem">${escape(t.continue)}</button></form></main>
<script nonce="${nonce}">document.getElementById("saml").submit();</script></body></html>`;
  const idpOrigin = new URL(signInRequest.url).origin;
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; form-action ${idpOrigin}; base-uri 'none'; frame-ancestors 'none'`,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
      "Set-Cookie": requestCookie(origin, organizationId, signInRequest.requestId),
    },
  });
}
