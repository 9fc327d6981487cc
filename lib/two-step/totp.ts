import "server-only";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

/** RFC 6238 as every authenticator app reads it: SHA-1, six digits, 30-second steps. */
const period = 30;
const digits = 6;

function totpFor(secretBase32: string, label = "") {
  return new TOTP({ issuer: "Org Console", label, algorithm: "SHA1", digits, period, secret: Secret.fromBase32(secretBase32) });
}

/** A new 160-bit secret, in base32 as people type it into an app that cannot scan. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The secret grouped by four, easier to read aloud and to type. */
export function groupedSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})/g, "$1 ").trim();
}

/** The `otpauth://` address an app scans. */
export function totpUri(secretBase32: string, accountEmail: string): string {
  return totpFor(secretBase32, accountEmail).toString();
}

/** The QR code of that address as an SVG string, drawn on the server (no script in the browser). */
export async function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#0f172a", light: "#ffffff" } });
}

/** The code an app shows at `timestamp` (tests and the browser tests compute codes this way). */
export function totpCode(secretBase32: string, timestamp = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp });
}

/**
 * The step a typed code belongs to, accepting one step either side of now (clocks drift), or null.
 * A step at or before `lastUsedStep` is refused: a code works once, even inside its window.
 */
export function acceptedStep(secretBase32: string, code: string, lastUsedStep: number | null, timestamp = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32).validate({ token, timestamp, window: 1 });
  if (delta === null) return null;
  const step = TOTP.counter({ period, timestamp }) + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? null : step;
}
