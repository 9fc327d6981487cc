import { configuredOrigin } from "./origin";

/** A fresh nonce per page request: only scripts carrying it (and what they load) may run. */
export function scriptNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}

/**
 * The page policy. Next reads the nonce from this header on the request and puts it on its own
 * scripts; 'strict-dynamic' lets those scripts load the page's chunks. Eval only in development.
 */
export function contentSecurityPolicy(nonce: string, production = process.env.NODE_ENV === "production"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** HSTS once the public origin is https: a browser that saw it never tries plain http again. */
export function strictTransportSecurity(): string | null {
  return configuredOrigin()?.startsWith("https:") ? "max-age=63072000; includeSubDomains" : null;
}
