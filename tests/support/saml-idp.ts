import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SignedXml } from "xml-crypto";

/** A throwaway key and self-signed certificate, made by openssl for one test run. */
export function throwawayCertificate(commonName = "test-idp.example", days = 2) {
  const dir = mkdtempSync(path.join(tmpdir(), "saml-idp-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", String(days), "-subj", `/CN=${commonName}`, "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
    return { privateKey: readFileSync(path.join(dir, "key.pem"), "utf8"), certificate: readFileSync(path.join(dir, "cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A self-signed certificate that expired yesterday, as a stale metadata file still lists it. */
export function expiredCertificate(commonName = "old-idp.example") {
  const dir = mkdtempSync(path.join(tmpdir(), "saml-idp-"));
  try {
    const key = path.join(dir, "key.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", `/CN=${commonName}`, "-keyout", key, "-out", path.join(dir, "fresh.pem")], { stdio: "ignore" });
    // openssl 3.0 has no -not_after: re-signing with a negative lifetime puts notAfter in the past.
    execFileSync("openssl", ["x509", "-in", path.join(dir, "fresh.pem"), "-signkey", key, "-days", "-1", "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
    return { privateKey: readFileSync(key, "utf8"), certificate: readFileSync(path.join(dir, "cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

export type ResponseOptions = {
  email: string;
  audience: string;
  recipient: string;
  inResponseTo: string;
  issuer?: string;
  assertionId?: string;
  /** Shifts every timestamp, to build expired or future responses. */
  offsetMs?: number;
  lifetimeMs?: number;
  privateKey: string;
  /** Changes the email after signing, as an attacker would. */
  tamperEmail?: string;
};

/** A SAML 2.0 Response with a signed assertion, as an identity provider posts it (base64). */
export function signedResponse(options: ResponseOptions): string {
  const now = Date.now() + (options.offsetMs ?? 0);
  const iso = (ms: number) => new Date(ms).toISOString();
  const lifetime = options.lifetimeMs ?? 5 * 60 * 1000;
  const issuer = escape(options.issuer ?? "https://idp.test.example/metadata");
  const assertionId = options.assertionId ?? `_a${randomBytes(16).toString("hex")}`;
  const assertion =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${assertionId}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${escape(options.email)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${escape(options.inResponseTo)}" NotOnOrAfter="${iso(now + lifetime)}" Recipient="${escape(options.recipient)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(now - 1000)}" NotOnOrAfter="${iso(now + lifetime)}"><saml:AudienceRestriction><saml:Audience>${escape(options.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="_s${randomBytes(8).toString("hex")}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement><saml:Attribute Name="displayName"><saml:AttributeValue>Test Person</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>` +
    `</saml:Assertion>`;
  const response =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r${randomBytes(16).toString("hex")}" Version="2.0" IssueInstant="${iso(now)}" Destination="${escape(options.recipient)}" InResponseTo="${escape(options.inResponseTo)}">` +
    `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${issuer}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    assertion +
    `</samlp:Response>`;
  const signer = new SignedXml({
    privateKey: options.privateKey,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signer.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  signer.computeSignature(response, { location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: "after" } });
  let xml = signer.getSignedXml();
  if (options.tamperEmail) xml = xml.replace(`>${escape(options.email)}<`, `>${escape(options.tamperEmail)}<`);
  return Buffer.from(xml, "utf8").toString("base64");
}

export const testIdpEntityId = "https://idp.test.example/metadata";

const base64Of = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");

export type MetadataOptions = {
  ssoUrl: string;
  certificates: string[];
  entityId?: string;
  /** "md:" and "ds:" prefixes, as most IdPs write it, or default namespaces (Microsoft Entra ID's style). */
  style?: "prefixed" | "default";
  bindings?: ("HTTP-POST" | "HTTP-Redirect")[];
  /** The KeyDescriptor's use attribute; "none" leaves it out (then the key serves both uses). */
  use?: "signing" | "encryption" | "none";
};

/** The test IdP's SAML metadata XML, as an identity provider publishes it for its service providers. */
export function identityProviderMetadata(options: MetadataOptions): string {
  const prefixed = (options.style ?? "prefixed") === "prefixed";
  const md = prefixed ? "md:" : "";
  const ds = prefixed ? "ds:" : "";
  const use = options.use ?? "signing";
  const keys = options.certificates
    .map(
      (pem) =>
        `<${md}KeyDescriptor${use === "none" ? "" : ` use="${use}"`}>` +
        `<${ds}KeyInfo${prefixed ? "" : ' xmlns="http://www.w3.org/2000/09/xmldsig#"'}><${ds}X509Data><${ds}X509Certificate>\n${base64Of(pem).match(/.{1,64}/g)!.join("\n")}\n</${ds}X509Certificate></${ds}X509Data></${ds}KeyInfo>` +
        `</${md}KeyDescriptor>`,
    )
    .join("\n    ");
  const services = (options.bindings ?? ["HTTP-Redirect", "HTTP-POST"])
    .map((binding) => `<${md}SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:${binding}" Location="${escape(options.ssoUrl)}"/>`)
    .join("\n    ");
  const namespaces = prefixed ? 'xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"' : 'xmlns="urn:oasis:names:tc:SAML:2.0:metadata"';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${md}EntityDescriptor ${namespaces} entityID="${escape(options.entityId ?? testIdpEntityId)}">\n` +
    `  <${md}IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n` +
    `    ${keys}\n` +
    `    <${md}NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</${md}NameIDFormat>\n` +
    `    ${services}\n` +
    `  </${md}IDPSSODescriptor>\n` +
    `</${md}EntityDescriptor>\n`
  );
}

/**
 * A test identity provider on loopback: it takes our AuthnRequest (HTTP-POST), "signs in" the
 * person the test chose, and answers with a page that posts a signed response to our ACS.
 */
export async function startTestIdp(options: { port?: number; privateKey: string; certificate?: string }) {
  const { createServer } = await import("node:http");
  const state: {
    email: string;
    lastResponse: string;
    lastRelayState: string;
    acsUrl: string;
    /** Changes the next response only (a wrong audience, an old timestamp…), as a broken or hostile IdP would. */
    nextResponse?: Partial<ResponseOptions>;
    /** Replaces the RelayState of the next answer, as a hostile IdP or a forged link would. */
    nextRelayState?: string;
  } = { email: "", lastResponse: "", lastRelayState: "", acsUrl: "" };
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const form = new URLSearchParams(body);
      const xml = Buffer.from(form.get("SAMLRequest") ?? "", "base64").toString("utf8");
      const id = /\bID="([^"]+)"/.exec(xml)?.[1];
      const acsUrl = /AssertionConsumerServiceURL="([^"]+)"/.exec(xml)?.[1];
      const issuer = /<saml:Issuer[^>]*>([^<]+)</.exec(xml)?.[1];
      if (request.method !== "POST" || !id || !acsUrl || !issuer) {
        response.writeHead(400).end("bad request");
        return;
      }
      state.acsUrl = acsUrl;
      state.lastRelayState = state.nextRelayState ?? form.get("RelayState") ?? "";
      state.nextRelayState = undefined;
      state.lastResponse = signedResponse({ email: state.email, audience: issuer, recipient: acsUrl, inResponseTo: id, privateKey: options.privateKey, ...state.nextResponse });
      state.nextResponse = undefined;
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      response.end(
        `<!doctype html><html lang="en"><head><title>Test IdP</title></head><body><main><h1>Test identity provider</h1>` +
          `<form method="post" action="${escape(acsUrl)}"><input type="hidden" name="SAMLResponse" value="${state.lastResponse}">` +
          `<input type="hidden" name="RelayState" value="${escape(state.lastRelayState)}"><button type="submit">Back to the console</button></form></main></body></html>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const ssoUrl = `http://127.0.0.1:${port}/sso`;
  return {
    ssoUrl,
    /** Its metadata XML, for an Admin to paste (needs the certificate). */
    metadata: options.certificate ? identityProviderMetadata({ ssoUrl, certificates: [options.certificate] }) : "",
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
