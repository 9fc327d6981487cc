import { publicOrigin as configuredPublicOrigin } from "@/lib/core/origin";
import { isLocale, type AppLocale } from "@/i18n/locales";

/** Our public origin as entity ID, ACS URL and metadata show it: APP_URL, never a request header. */
export function publicOrigin(request: { headers: Headers }): string {
  return configuredPublicOrigin(request.headers.get("host"));
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
