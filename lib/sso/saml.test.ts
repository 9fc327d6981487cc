import { inflateRawSync } from "node:zlib";
import { signedResponse, throwawayCertificate } from "@/tests/support/saml-idp";
import { createSignInRequest, serviceProviderFor, serviceProviderMetadata, validateSignInResponse, type IdentityProvider, type SamlStores } from "./saml";

const idpKeys = throwawayCertificate();
const otherKeys = throwawayCertificate("attacker.example");
const sp = serviceProviderFor("https://console.test.example", "0b5d0a3e-3f43-4d5e-9f0e-6a1f7c1d2e3f");
const idp: IdentityProvider = { entityId: "https://idp.test.example/metadata", ssoUrl: "https://idp.test.example/sso", certificate: idpKeys.certificate };

/** The stores the ACS keeps in the database, in memory here. */
function memoryStores(): SamlStores & { requests: Map<string, Date>; assertions: Set<string> } {
  const requests = new Map<string, Date>();
  const assertions = new Set<string>();
  return {
    requests,
    assertions,
    saveRequest: async (id, expiresAt) => void requests.set(id, expiresAt),
    consumeRequest: async (id) => {
      const expiresAt = requests.get(id);
      requests.delete(id);
      return Boolean(expiresAt && expiresAt.getTime() > Date.now());
    },
    recordAssertion: async (id) => (assertions.has(id) ? false : (assertions.add(id), true)),
  };
}

async function issuedRequest(stores: SamlStores) {
  const request = await createSignInRequest(sp, idp, stores, "/en/studio");
  return request.requestId;
}

/** The ID the response answers, as the browser's cookie holds it when that browser started the request. */
const sameBrowser = (response: string) => /InResponseTo="([^"]+)"/.exec(Buffer.from(response, "base64").toString("utf8"))?.[1] ?? null;

const base = { email: "ada@corp.example", audience: sp.entityId, recipient: sp.acsUrl, privateKey: idpKeys.privateKey };

describe("SAML sign-in against a test identity provider", () => {
  it("builds an AuthnRequest for our ACS and remembers its ID", async () => {
    const stores = memoryStores();
    const request = await createSignInRequest(sp, idp, stores, "/en/studio");
    expect(request.url).toBe(idp.ssoUrl);
    expect(stores.requests.has(request.requestId)).toBe(true);
    const xml = Buffer.from(request.fields.SAMLRequest, "base64");
    const text = (() => {
      try {
        return inflateRawSync(xml).toString("utf8");
      } catch {
        return xml.toString("utf8");
      }
    })();
    expect(text).toContain(`ID="${request.requestId}"`);
    expect(text).toContain(sp.acsUrl);
  });

  it("accepts a signed response to a request we issued, once", async () => {
    const stores = memoryStores();
    const inResponseTo = await issuedRequest(stores);
    const response = signedResponse({ ...base, inResponseTo });
    expect(await validateSignInResponse(sp, idp, stores, response, sameBrowser(response))).toEqual({ ok: true, email: "ada@corp.example", name: "Test Person" });
    // The same response posted again: its request is consumed and its assertion ID known.
    expect(await validateSignInResponse(sp, idp, stores, response, sameBrowser(response))).toMatchObject({ ok: false });
  });

  it("refuses a replayed assertion ID even in a response to a new request", async () => {
    const stores = memoryStores();
    const first = signedResponse({ ...base, inResponseTo: await issuedRequest(stores), assertionId: "_same-assertion" });
    expect(await validateSignInResponse(sp, idp, stores, first, sameBrowser(first))).toMatchObject({ ok: true });
    const second = signedResponse({ ...base, inResponseTo: await issuedRequest(stores), assertionId: "_same-assertion" });
    expect(await validateSignInResponse(sp, idp, stores, second, sameBrowser(second))).toEqual({ ok: false, error: "replayed" });
  });

  it("refuses a tampered assertion", async () => {
    const stores = memoryStores();
    const response = signedResponse({ ...base, inResponseTo: await issuedRequest(stores), tamperEmail: "admin@corp.example" });
    expect(await validateSignInResponse(sp, idp, stores, response, sameBrowser(response))).toEqual({ ok: false, error: "invalidSignature" });
  });

  it("refuses an assertion signed by another key", async () => {
    const stores = memoryStores();
    const response = signedResponse({ ...base, inResponseTo: await issuedRequest(stores), privateKey: otherKeys.privateKey });
    expect(await validateSignInResponse(sp, idp, stores, response, sameBrowser(response))).toEqual({ ok: false, error: "invalidSignature" });
  });

  it("refuses a wrong audience", async () => {
    const stores = memoryStores();
    const response = signedResponse({ ...base, inResponseTo: await issuedRequest(stores), audience: "https://other-sp.example" });
    expect(await validateSignInResponse(sp, idp, stores, response, sameBrowser(response))).toEqual({ ok: false, error: "wrongAudience" });
  });

  it("refuses a response meant for another recipient", async () => {
    const stores = memoryStores();
    const response = signedResponse({ ...base, inResponseTo: await issuedRequest(stores), recipient: "https://other-sp.example/acs" });
    expect(await validateSignInResponse(sp, idp, stores, response, sameBrowser(response))).toEqual({ ok: false, error: "wrongRecipient" });
  });

  it("refuses an expired response, beyond the small clock skew", async () => {
    const stores = memoryStores();
    const response = signedResponse({ ...base, inResponseTo: await issuedRequest(stores), offsetMs: -20 * 60 * 1000, lifetimeMs: 5 * 60 * 1000 });
    expect(await validateSignInResponse(sp, idp, stores, response, sameBrowser(response))).toEqual({ ok: false, error: "expired" });
  });

  it("refuses an unknown InResponseTo", async () => {
    const stores = memoryStores();
    const response = signedResponse({ ...base, inResponseTo: "_never-issued" });
    expect(await validateSignInResponse(sp, idp, stores, response, sameBrowser(response))).toEqual({ ok: false, error: "unknownRequest" });
  });

  it("refuses a response to a request another browser started (login CSRF), and keeps that request usable", async () => {
    const stores = memoryStores();
    const attackers = await issuedRequest(stores);
    const victims = await issuedRequest(stores);
    const response = signedResponse({ ...base, email: "attacker@corp.example", inResponseTo: attackers });
    // Posted from the victim's browser, whose cookie names the victim's own request.
    expect(await validateSignInResponse(sp, idp, stores, response, victims)).toEqual({ ok: false, error: "unknownRequest" });
    expect(await validateSignInResponse(sp, idp, stores, response, null)).toEqual({ ok: false, error: "unknownRequest" });
    expect(stores.requests.has(attackers)).toBe(true);
    expect(await validateSignInResponse(sp, idp, stores, response, attackers)).toMatchObject({ ok: true, email: "attacker@corp.example" });
  });

  it("refuses garbage without raising", async () => {
    const stores = memoryStores();
    for (const junk of ["", "not base64 at all", Buffer.from("<xml/>").toString("base64")]) {
      expect(await validateSignInResponse(sp, idp, stores, junk, sameBrowser(junk))).toMatchObject({ ok: false });
    }
  });

  it("publishes SP metadata with our entity ID and ACS URL", () => {
    const xml = serviceProviderMetadata(sp);
    expect(xml).toContain(`entityID="${sp.entityId}"`);
    expect(xml).toContain(`Location="${sp.acsUrl}"`);
  });
});
