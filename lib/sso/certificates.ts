import { X509Certificate } from "node:crypto";

/**
 * The identity provider's signing certificates are stored as PEM blocks, one after the other in
 * one text column: an IdP rolling its key over publishes two, and signatures by either are valid.
 */
const pemBlock = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/** The base64 of a certificate (as metadata carries it), wrapped as one PEM block. */
export function pemOf(base64: string): string {
  const body = base64.replace(/\s+/g, "");
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join("\n") ?? ""}\n-----END CERTIFICATE-----\n`;
}

/**
 * The certificates of a text holding one or more PEM blocks, or one bare base64 certificate.
 * Null when any of them is not a certificate.
 */
export function readCertificates(text: string): string[] | null {
  const blocks = [...text.matchAll(pemBlock)].map((match) => match[1]!);
  const leftover = text.replace(pemBlock, "").trim();
  if (blocks.length > 0 && leftover !== "") return null;
  const pems = (blocks.length > 0 ? blocks : [text]).map(pemOf);
  if (pems.length > 8) return null;
  for (const pem of pems) {
    try {
      new X509Certificate(pem);
    } catch {
      return null;
    }
  }
  return pems;
}

/** The PEM blocks of a stored value, each usable on its own (node-saml takes them as an array). */
export function splitCertificates(stored: string): string[] {
  const blocks = [...stored.matchAll(pemBlock)].map((match) => pemOf(match[1]!));
  return blocks.length > 0 ? blocks : [stored];
}

export type CertificateSummary = { subject: string; fingerprint: string; validFrom: Date; validTo: Date };

/** What an Admin recognizes a certificate by: its subject, SHA-256 fingerprint and validity. */
export function describeCertificate(pem: string): CertificateSummary | null {
  try {
    const certificate = new X509Certificate(pem);
    return {
      subject: certificate.subject.replace(/\n/g, ", "),
      fingerprint: certificate.fingerprint256,
      validFrom: new Date(certificate.validFrom),
      validTo: new Date(certificate.validTo),
    };
  } catch {
    return null;
  }
}
