import { expiredCertificate, identityProviderMetadata, signedResponse, testIdpEntityId, throwawayCertificate } from "@/tests/support/saml-idp";
import { readCertificates, splitCertificates } from "./certificates";
import { maxMetadataBytes, parseIdentityProviderMetadata } from "./metadata";
import { createSignInRequest, serviceProviderFor, validateSignInResponse, type SamlStores } from "./saml";

const current = throwawayCertificate();
const next = throwawayCertificate("next-idp.example");
const expired = expiredCertificate();
const ssoUrl = "https://idp.test.example/sso";
const normalized = (pem: string) => readCertificates(pem)![0];

const refusal = (xml: string) => {
  const result = parseIdentityProviderMetadata(xml);
  return result.ok ? "accepted" : result.error;
};

describe("reading an identity provider's metadata", () => {
  it("reads the test IdP's metadata: entity ID, HTTP-POST sign-in URL, signing certificate", () => {
    const result = parseIdentityProviderMetadata(identityProviderMetadata({ ssoUrl, certificates: [current.certificate] }));
    expect(result).toEqual({ ok: true, metadata: { entityId: testIdpEntityId, ssoUrl, certificates: [normalized(current.certificate)], expiredCertificates: 0 } });
  });

  it("reads default namespaces as well as md:/ds: prefixes, and any other prefix", () => {
    const unprefixed = identityProviderMetadata({ ssoUrl, certificates: [current.certificate], style: "default" });
    expect(unprefixed).not.toContain("md:");
    expect(parseIdentityProviderMetadata(unprefixed)).toMatchObject({ ok: true, metadata: { entityId: testIdpEntityId, ssoUrl } });
    const otherPrefixes = identityProviderMetadata({ ssoUrl, certificates: [current.certificate] })
      .replace(/md:/g, "saml2md:")
      .replace(/xmlns:md=/, "xmlns:saml2md=")
      .replace(/ds:/g, "dsig:")
      .replace(/xmlns:ds=/, "xmlns:dsig=");
    expect(parseIdentityProviderMetadata(otherPrefixes)).toMatchObject({ ok: true, metadata: { certificates: [normalized(current.certificate)] } });
  });

  it("goes by namespace, not by name: an EntityDescriptor outside the metadata namespace is not metadata", () => {
    const wrongNamespace = identityProviderMetadata({ ssoUrl, certificates: [current.certificate], style: "default" }).replace(
      "urn:oasis:names:tc:SAML:2.0:metadata",
      "urn:example:not-saml",
    );
    expect(refusal(wrongNamespace)).toBe("metadataNotMetadata");
    // A prefix used without its declaration.
    expect(refusal(identityProviderMetadata({ ssoUrl, certificates: [current.certificate] }).replace(/ xmlns:md="[^"]+"/, ""))).not.toBe("accepted");
  });

  it("prefers HTTP-POST, the binding the console sends its AuthnRequest with, and refuses a Redirect-only IdP", () => {
    const both = identityProviderMetadata({ ssoUrl, certificates: [current.certificate], bindings: ["HTTP-Redirect", "HTTP-POST"] }).replace(
      `Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ssoUrl}"`,
      `Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.test.example/redirect"`,
    );
    expect(parseIdentityProviderMetadata(both)).toMatchObject({ ok: true, metadata: { ssoUrl } });
    expect(refusal(identityProviderMetadata({ ssoUrl, certificates: [current.certificate], bindings: ["HTTP-Redirect"] }))).toBe("metadataRedirectOnly");
    expect(refusal(identityProviderMetadata({ ssoUrl, certificates: [current.certificate], bindings: [] }))).toBe("metadataMissingSsoUrl");
  });

  it("takes the one IdP of an EntitiesDescriptor, and refuses several", () => {
    const entity = (entityId: string) =>
      identityProviderMetadata({ ssoUrl, certificates: [current.certificate], entityId }).replace(/^<\?xml[^>]*>\n/, "").replace(/ xmlns:md="[^"]+" xmlns:ds="[^"]+"/, "");
    const group = (...entities: string[]) =>
      `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Name="federation">${entities.join("")}</md:EntitiesDescriptor>`;
    expect(parseIdentityProviderMetadata(group(entity("https://one.example/idp")))).toMatchObject({ ok: true, metadata: { entityId: "https://one.example/idp" } });
    const serviceProvider = `<md:EntityDescriptor entityID="https://sp.example"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>`;
    expect(parseIdentityProviderMetadata(group(serviceProvider, entity("https://one.example/idp")))).toMatchObject({ ok: true, metadata: { entityId: "https://one.example/idp" } });
    expect(refusal(group(entity("https://one.example/idp"), entity("https://two.example/idp")))).toBe("metadataSeveralIdentityProviders");
    // Nested groups count too.
    expect(refusal(group(entity("https://one.example/idp"), group(entity("https://two.example/idp"))))).toBe("metadataSeveralIdentityProviders");
    expect(refusal(group())).toBe("metadataNoIdentityProvider");
  });

  it("keeps every signing certificate of a key rollover, with or without use=signing, never the encryption key", () => {
    const twoKeys = identityProviderMetadata({ ssoUrl, certificates: [current.certificate, next.certificate] });
    expect(parseIdentityProviderMetadata(twoKeys)).toMatchObject({ ok: true, metadata: { certificates: [normalized(current.certificate), normalized(next.certificate)] } });
    const noUse = identityProviderMetadata({ ssoUrl, certificates: [current.certificate], use: "none" });
    expect(parseIdentityProviderMetadata(noUse)).toMatchObject({ ok: true, metadata: { certificates: [normalized(current.certificate)] } });
    expect(refusal(identityProviderMetadata({ ssoUrl, certificates: [current.certificate], use: "encryption" }))).toBe("metadataMissingCertificate");
    // The same certificate listed twice is kept once.
    const twice = identityProviderMetadata({ ssoUrl, certificates: [current.certificate, current.certificate] });
    expect(parseIdentityProviderMetadata(twice)).toMatchObject({ ok: true, metadata: { certificates: [normalized(current.certificate)] } });
  });

  it("leaves out an expired certificate next to a valid one, and refuses metadata whose certificates all expired", () => {
    expect(parseIdentityProviderMetadata(identityProviderMetadata({ ssoUrl, certificates: [expired.certificate, current.certificate] }))).toMatchObject({
      ok: true,
      metadata: { certificates: [normalized(current.certificate)], expiredCertificates: 1 },
    });
    expect(refusal(identityProviderMetadata({ ssoUrl, certificates: [expired.certificate] }))).toBe("metadataCertificateExpired");
  });

  it("refuses a DOCTYPE or ENTITY declaration outright, before parsing anything", () => {
    const good = identityProviderMetadata({ ssoUrl, certificates: [current.certificate] });
    const xxe = good.replace("<md:EntityDescriptor", '<!DOCTYPE md:EntityDescriptor [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<md:EntityDescriptor').replace(`entityID="${testIdpEntityId}"`, 'entityID="&xxe;"');
    expect(refusal(xxe)).toBe("metadataDoctype");
    const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    expect(refusal(billionLaughs)).toBe("metadataDoctype");
    expect(refusal(good.replace("<md:EntityDescriptor", "<!doctype x>\n<md:EntityDescriptor"))).toBe("metadataDoctype");
  });

  it("refuses a service provider's metadata, with its own reason", () => {
    const ours = `<?xml version="1.0"?><EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://console.example/api/saml/x/metadata"><SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://console.example/acs" index="1"/></SPSSODescriptor></EntityDescriptor>`;
    expect(refusal(ours)).toBe("metadataServiceProvider");
  });

  it("refuses an IdP that does not speak SAML 2.0, and metadata without an entity ID", () => {
    const good = identityProviderMetadata({ ssoUrl, certificates: [current.certificate] });
    expect(refusal(good.replace("urn:oasis:names:tc:SAML:2.0:protocol", "urn:oasis:names:tc:SAML:1.1:protocol"))).toBe("metadataNoIdentityProvider");
    expect(refusal(good.replace(`entityID="${testIdpEntityId}"`, 'entityID=" "'))).toBe("metadataMissingEntityId");
  });

  it("refuses metadata without a certificate, or with a certificate that is not one", () => {
    expect(refusal(identityProviderMetadata({ ssoUrl, certificates: [] }))).toBe("metadataMissingCertificate");
    const broken = identityProviderMetadata({ ssoUrl, certificates: [current.certificate] }).replace(/(<ds:X509Certificate>)[^<]+/, "$1bm90IGEgY2VydGlmaWNhdGU=");
    expect(refusal(broken)).toBe("metadataInvalidCertificate");
  });

  it("refuses garbage, malformed XML, XML that is not metadata, and an empty paste, without raising", () => {
    const good = identityProviderMetadata({ ssoUrl, certificates: [current.certificate] });
    expect(refusal("")).toBe("metadataRequired");
    expect(refusal("   \n ")).toBe("metadataRequired");
    expect(refusal("this is not XML at all")).toBe("metadataMalformed");
    expect(refusal(good.slice(0, good.length / 2))).toBe("metadataMalformed");
    expect(refusal(good.replace("</md:IDPSSODescriptor>", ""))).toBe("metadataMalformed");
    expect(refusal(`<html><body>Sign in</body></html>`)).toBe("metadataNotMetadata");
    expect(refusal(`{"entityID": "https://idp.example"}`)).toBe("metadataMalformed");
  });

  it("accepts a byte-order mark and surrounding blank lines, as a copy from a file brings them", () => {
    expect(parseIdentityProviderMetadata(`\uFEFF\n\n${identityProviderMetadata({ ssoUrl, certificates: [current.certificate] })}\n\n`)).toMatchObject({ ok: true });
  });

  it("refuses anything larger than 256 KB", () => {
    const good = identityProviderMetadata({ ssoUrl, certificates: [current.certificate] });
    const padded = good.replace("<md:IDPSSODescriptor", `<!-- ${"x".repeat(maxMetadataBytes)} -->\n  <md:IDPSSODescriptor`);
    expect(refusal(padded)).toBe("metadataTooLarge");
  });
});

describe("several signing certificates in one stored value", () => {
  it("are kept as PEM blocks one after the other, and split again for node-saml", () => {
    const stored = readCertificates(`${current.certificate}\n${next.certificate}`)!.join("");
    expect(splitCertificates(stored)).toEqual([normalized(current.certificate), normalized(next.certificate)]);
    expect(readCertificates(`${current.certificate}\nnot a certificate`)).toBeNull();
  });

  it("a response signed by either key of a rollover is accepted; another key is not", async () => {
    const sp = serviceProviderFor("https://console.test.example", "0b5d0a3e-3f43-4d5e-9f0e-6a1f7c1d2e3f");
    const idp = { entityId: testIdpEntityId, ssoUrl, certificate: readCertificates(`${current.certificate}${next.certificate}`)!.join("") };
    const requests = new Set<string>();
    const stores: SamlStores = {
      saveRequest: async (id) => void requests.add(id),
      consumeRequest: async (id) => requests.delete(id),
      recordAssertion: async () => true,
    };
    for (const [keys, expected] of [
      [current, { ok: true }],
      [next, { ok: true }],
      [throwawayCertificate("attacker.example"), { ok: false, error: "invalidSignature" }],
    ] as const) {
      const request = await createSignInRequest(sp, idp, stores, "/en/studio");
      const response = signedResponse({ email: "ada@corp.example", audience: sp.entityId, recipient: sp.acsUrl, inResponseTo: request.requestId, privateKey: keys.privateKey });
      expect(await validateSignInResponse(sp, idp, stores, response, request.requestId)).toMatchObject(expected);
    }
  });
});
