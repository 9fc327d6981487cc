import "server-only";
import { randomBytes } from "node:crypto";
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import { email as emailSchema } from "@/lib/core/schemas";
import { splitCertificates } from "./certificates";

/** What the Admin gives us about the company's identity provider; `certificate` may hold several PEM blocks (key rollover). */
export type IdentityProvider = { entityId: string; ssoUrl: string; certificate: string };

/** What we give the identity provider: our entity ID and where it posts responses (ACS). */
export type ServiceProvider = { entityId: string; acsUrl: string };

export function serviceProviderFor(baseUrl: string, organizationId: string): ServiceProvider {
  const origin = baseUrl.replace(/\/$/, "");
  return { entityId: `${origin}/api/saml/${organizationId}/metadata`, acsUrl: `${origin}/api/saml/${organizationId}/acs` };
}

/**
 * One-time stores the ACS needs, kept in the database by the caller: request IDs we issued
 * (InResponseTo) and assertion IDs already used (replay).
 */
export type SamlStores = {
  saveRequest(id: string, expiresAt: Date): Promise<void>;
  /** True once for an ID we issued and that has not expired; consumes it. */
  consumeRequest(id: string): Promise<boolean>;
  /** True if the assertion ID was new (and records it until expiresAt); false on replay. */
  recordAssertion(id: string, expiresAt: Date): Promise<boolean>;
};

export const samlPolicy = { clockSkewMs: 2 * 60 * 1000, requestLifetimeMs: 10 * 60 * 1000 };

export type SamlRefusal =
  | "invalidResponse"
  | "invalidSignature"
  | "wrongAudience"
  | "wrongRecipient"
  | "expired"
  | "unknownRequest"
  | "replayed"
  | "missingEmail";

function createSaml(sp: ServiceProvider, idp: IdentityProvider, cacheProvider: CacheProvider) {
  return new SAML({
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    audience: sp.entityId,
    entryPoint: idp.ssoUrl,
    idpIssuer: idp.entityId,
    idpCert: splitCertificates(idp.certificate),
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: samlPolicy.clockSkewMs,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: samlPolicy.requestLifetimeMs,
    identifierFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    // HTTP-POST binding: the request travels base64-encoded, not deflated.
    authnRequestBinding: "HTTP-POST",
    skipRequestCompression: true,
    generateUniqueId: () => `_${randomBytes(20).toString("hex")}`,
    cacheProvider,
  });
}

/** The AuthnRequest for HTTP-POST to the identity provider; its ID is stored for InResponseTo. */
export async function createSignInRequest(sp: ServiceProvider, idp: IdentityProvider, stores: SamlStores, relayState: string) {
  let requestId = "";
  const cache: CacheProvider = {
    saveAsync: async (key, value) => {
      requestId = key;
      await stores.saveRequest(key, new Date(Date.now() + samlPolicy.requestLifetimeMs));
      return { value, createdAt: Date.now() };
    },
    getAsync: async () => null,
    removeAsync: async () => null,
  };
  const message = await createSaml(sp, idp, cache).getAuthorizeMessageAsync(relayState, undefined, {});
  return { url: idp.ssoUrl, requestId, fields: { SAMLRequest: String(message.SAMLRequest), RelayState: relayState } };
}

function refusalOf(error: unknown): SamlRefusal {
  const text = error instanceof Error ? error.message : String(error);
  if (/InResponseTo/i.test(text)) return "unknownRequest";
  if (/audience/i.test(text)) return "wrongAudience";
  // node-saml refuses a subject confirmation only for its time window.
  if (/expired|NotBefore|NotOnOrAfter|not yet valid|subject confirmation/i.test(text)) return "expired";
  if (/signature/i.test(text)) return "invalidSignature";
  return "invalidResponse";
}

const attribute = (element: Element, name: string) => element.getAttribute(name) ?? "";

/** Facts node-saml does not check: the recipient and the assertion ID (for replay). */
function assertionFacts(xml: string) {
  let response: Element | null | undefined;
  try {
    response = new DOMParser({ errorHandler: () => {} }).parseFromString(xml, "text/xml")?.documentElement;
  } catch {
    return null;
  }
  if (!response || response.localName !== "Response") return null;
  const assertions = Array.from(response.childNodes).filter((node): node is Element => node.nodeType === 1 && (node as Element).localName === "Assertion");
  if (assertions.length !== 1) return null;
  const confirmations = assertions[0]!.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "SubjectConfirmationData");
  const recipients = Array.from({ length: confirmations.length }, (_, index) => attribute(confirmations.item(index)!, "Recipient"));
  return { destination: attribute(response, "Destination"), assertionId: attribute(assertions[0]!, "ID"), recipients };
}

function emailOf(profile: Profile): string | null {
  const candidates = [profile.email, profile.mail, profile["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"], profile.nameID];
  // The same address rules as every form: no control character gets into an account's email.
  for (const candidate of candidates) {
    const parsed = emailSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return null;
}

/**
 * Validates a SAMLResponse posted to our ACS: signature (assertion signed by the configured
 * certificate), audience, recipient, time window with small skew, InResponseTo of a request we
 * issued to this very browser (consumed once), and an assertion ID never seen before.
 */
export async function validateSignInResponse(
  sp: ServiceProvider,
  idp: IdentityProvider,
  stores: SamlStores,
  samlResponse: string,
  /** The AuthnRequest ID this browser started (its cookie): a response to any other request is refused. */
  browserRequestId: string | null,
): Promise<{ ok: true; email: string; name: string | null } | { ok: false; error: SamlRefusal }> {
  let xml: string;
  try {
    xml = Buffer.from(samlResponse, "base64").toString("utf8");
  } catch {
    return { ok: false, error: "invalidResponse" };
  }
  const facts = assertionFacts(xml);
  if (!facts || !facts.assertionId) return { ok: false, error: "invalidResponse" };
  if ((facts.destination && facts.destination !== sp.acsUrl) || facts.recipients.length === 0 || facts.recipients.some((recipient) => recipient !== sp.acsUrl)) {
    return { ok: false, error: "wrongRecipient" };
  }
  let consumed: string | null = null;
  const cache: CacheProvider = {
    saveAsync: async () => null,
    // node-saml asks twice (Response and SubjectConfirmationData) and wants the creation instant.
    getAsync: async (key) => {
      if (!browserRequestId || key !== browserRequestId) return null;
      if (consumed !== key) {
        if (!(await stores.consumeRequest(key))) return null;
        consumed = key;
      }
      return new Date().toISOString();
    },
    removeAsync: async () => null,
  };
  let profile: Profile | null;
  try {
    ({ profile } = await createSaml(sp, idp, cache).validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (error) {
    return { ok: false, error: refusalOf(error) };
  }
  if (!profile) return { ok: false, error: "invalidResponse" };
  const email = emailOf(profile);
  if (!email) return { ok: false, error: "missingEmail" };
  if (!(await stores.recordAssertion(facts.assertionId, new Date(Date.now() + 24 * 60 * 60 * 1000)))) return { ok: false, error: "replayed" };
  const name = [profile.displayName, profile.givenName && profile.surname ? `${String(profile.givenName)} ${String(profile.surname)}` : null].find(
    (value): value is string => typeof value === "string" && value.trim().length > 0,
  );
  return { ok: true, email, name: name ?? null };
}

/** Our SP metadata XML, for the Admin to give the identity provider. */
export function serviceProviderMetadata(sp: ServiceProvider): string {
  return new SAML({ issuer: sp.entityId, callbackUrl: sp.acsUrl, idpCert: "unused", wantAssertionsSigned: true }).generateServiceProviderMetadata(null, null);
}
