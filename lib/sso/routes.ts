import { isLocale, type AppLocale } from "@/i18n/locales";

/**
 * Our public origin, as entity ID and ACS URL show it: AUTH_URL when set (set it in production),
 * else the Host the browser used (Next may see itself as localhost behind it).
 */
export function publicOrigin(request: { headers: Headers }): string {
  return originFrom(request.headers);
}

export function originFrom(headers: Headers): string {
  if (process.env.AUTH_URL) return new URL(process.env.AUTH_URL).origin;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost";
  const protocol = headers.get("x-forwarded-proto") ?? "http";
  return `${protocol}://${host}`;
}

/** A same-site path to land on after SSO; anything else falls back to the Studio. */
export function safeReturnPath(value: unknown, locale: AppLocale): string {
  const raw = typeof value === "string" ? value : "";
  return raw.startsWith("/") && !raw.startsWith("//") && !raw.includes("\\") && raw.length < 500 ? raw : `/${locale}/studio`;
}

export function localeOf(value: unknown): AppLocale {
  const first = typeof value === "string" ? value.split("/")[1] : undefined;
  return isLocale(first) ? first : "en";
}

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
