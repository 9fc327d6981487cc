import { publicOrigin as configuredPublicOrigin } from "@/lib/core/origin";
import { isLocale, type AppLocale } from "@/i18n/locales";

/** Our public origin as entity ID, ACS URL and metadata show it: APP_URL, never a request header. */
export function publicOrigin(request: { headers: Headers }): string {
  return configuredPublicOrigin(request.headers.get("host"));
}

// C0 and C1 controls: URL parsers drop tabs and newlines, so "/\t/evil.example" becomes "//evil.example".
const controlCharacters = /[\u0000-\u001F\u007F-\u009F]/;
// Stands for our origin when the caller has none at hand: only a path keeps a URL on it.
const placeholderOrigin = "https://return-path.invalid";

/**
 * A path of our own origin to land on after SSO: the value is parsed as a URL against the public
 * origin and kept only if it stays there; anything else falls back to the Studio.
 */
export function safeReturnPath(value: unknown, locale: AppLocale, origin: string = placeholderOrigin): string {
  const fallback = `/${locale}/studio`;
  if (typeof value !== "string" || value.length >= 500 || !value.startsWith("/") || value.includes("\\") || controlCharacters.test(value)) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin || url.username || url.password) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

export function localeOf(value: unknown): AppLocale {
  const first = typeof value === "string" ? value.split("/")[1] : undefined;
  return isLocale(first) ? first : "en";
}

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
