import { X509Certificate } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import { pemOf } from "./certificates";

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const SAML2_PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
export const HTTP_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
export const HTTP_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

/** Real IdP metadata is a few KB; a federation's aggregate, which we refuse anyway, is megabytes. */
export const maxMetadataBytes = 256 * 1024;

export type MetadataError =
  | "metadataRequired"
  | "metadataTooLarge"
  | "metadataDoctype"
  | "metadataMalformed"
  | "metadataNotMetadata"
  | "metadataServiceProvider"
  | "metadataNoIdentityProvider"
  | "metadataSeveralIdentityProviders"
  | "metadataMissingEntityId"
  | "metadataMissingSsoUrl"
  | "metadataRedirectOnly"
  | "metadataMissingCertificate"
  | "metadataInvalidCertificate"
  | "metadataCertificateExpired";

export type IdentityProviderMetadata = {
  entityId: string;
  /** The SingleSignOnService for HTTP-POST: the binding the console sends its AuthnRequest with. */
  ssoUrl: string;
  /** Signing certificates still valid, as PEM, in the order the metadata lists them. */
  certificates: string[];
  /** Signing certificates left out because they have expired (an old key during a rollover). */
  expiredCertificates: number;
};

const elementChildren = (parent: Element, localName: string) =>
  Array.from(parent.childNodes).filter(
    (node): node is Element => node.nodeType === 1 && (node as Element).namespaceURI === MD && (node as Element).localName === localName,
  );

const isMetadata = (element: Element, localName: string) => element.namespaceURI === MD && element.localName === localName;

const supportsSaml2 = (descriptor: Element) => (descriptor.getAttribute("protocolSupportEnumeration") ?? "").split(/\s+/).includes(SAML2_PROTOCOL);

/** Every EntityDescriptor of a document, through nested EntitiesDescriptor groups. */
function entityDescriptors(root: Element): Element[] {
  if (isMetadata(root, "EntityDescriptor")) return [root];
  return [...elementChildren(root, "EntityDescriptor"), ...elementChildren(root, "EntitiesDescriptor").flatMap(entityDescriptors)];
}

function parseXml(xml: string): Element | null {
  let malformed = false;
  const flag = () => {
    malformed = true;
  };
  try {
    const document = new DOMParser({ errorHandler: { warning: flag, error: flag, fatalError: flag } }).parseFromString(xml, "text/xml");
    return malformed ? null : (document?.documentElement ?? null);
  } catch {
    return null;
  }
}

/** The signing certificates of an IDPSSODescriptor: KeyDescriptor use="signing", or with no use. */
function signingCertificates(descriptor: Element): string[] | null {
  const pems: string[] = [];
  for (const key of elementChildren(descriptor, "KeyDescriptor")) {
    const use = key.getAttribute("use");
    if (use && use !== "signing") continue;
    const found = key.getElementsByTagNameNS(DS, "X509Certificate");
    for (let index = 0; index < found.length; index++) {
      const pem = pemOf(found.item(index)!.textContent ?? "");
      try {
        new X509Certificate(pem);
      } catch {
        return null;
      }
      if (!pems.includes(pem)) pems.push(pem);
    }
  }
  return pems;
}

/**
 * Reads an identity provider's SAML metadata as an Admin pastes it. Refuses DOCTYPE and ENTITY
 * declarations outright (no entity expansion, no external entities), documents over 256 KB,
 * anything not well-formed, service provider metadata, and files describing several IdPs.
 * Expired signing certificates are left out; if none is left, the metadata is refused.
 */
export function parseIdentityProviderMetadata(
  input: string,
  now = new Date(),
): { ok: true; metadata: IdentityProviderMetadata } | { ok: false; error: MetadataError } {
  const xml = input.replace(/^\uFEFF/, "").trim();
  if (xml === "") return { ok: false, error: "metadataRequired" };
  if (Buffer.byteLength(xml, "utf8") > maxMetadataBytes) return { ok: false, error: "metadataTooLarge" };
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, error: "metadataDoctype" };
  const root = parseXml(xml);
  if (!root) return { ok: false, error: "metadataMalformed" };
  if (!isMetadata(root, "EntityDescriptor") && !isMetadata(root, "EntitiesDescriptor")) return { ok: false, error: "metadataNotMetadata" };

  const entities = entityDescriptors(root);
  const identityProviders = entities.flatMap((entity) => {
    const descriptor = elementChildren(entity, "IDPSSODescriptor").find(supportsSaml2);
    return descriptor ? [{ entity, descriptor }] : [];
  });
  if (identityProviders.length > 1) return { ok: false, error: "metadataSeveralIdentityProviders" };
  if (identityProviders.length === 0) {
    const serviceProvider = entities.some((entity) => elementChildren(entity, "SPSSODescriptor").length > 0);
    return { ok: false, error: serviceProvider ? "metadataServiceProvider" : "metadataNoIdentityProvider" };
  }

  const { entity, descriptor } = identityProviders[0]!;
  const entityId = (entity.getAttribute("entityID") ?? "").trim();
  if (!entityId) return { ok: false, error: "metadataMissingEntityId" };

  const services = elementChildren(descriptor, "SingleSignOnService").map((service) => ({
    binding: service.getAttribute("Binding") ?? "",
    location: (service.getAttribute("Location") ?? "").trim(),
  }));
  const post = services.find((service) => service.binding === HTTP_POST && service.location);
  if (!post) {
    const redirect = services.some((service) => service.binding === HTTP_REDIRECT && service.location);
    return { ok: false, error: redirect ? "metadataRedirectOnly" : "metadataMissingSsoUrl" };
  }

  const certificates = signingCertificates(descriptor);
  if (!certificates) return { ok: false, error: "metadataInvalidCertificate" };
  if (certificates.length === 0) return { ok: false, error: "metadataMissingCertificate" };
  const valid = certificates.filter((pem) => new Date(new X509Certificate(pem).validTo) > now);
  if (valid.length === 0) return { ok: false, error: "metadataCertificateExpired" };

  return { ok: true, metadata: { entityId, ssoUrl: post.location, certificates: valid, expiredCertificates: certificates.length - valid.length } };
}
