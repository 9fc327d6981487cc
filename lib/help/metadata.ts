import type { Metadata } from "next";
import { locales, type AppLocale } from "@/i18n/locales";

/** The site's own origin, for absolute hreflang links: APP_URL when set, else the request's host. */
export function siteOrigin(headers: Headers): URL | undefined {
  const configured = process.env.APP_URL ?? process.env.AUTH_URL;
  if (configured) return new URL(configured);
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host) return undefined;
  const protocol = headers.get("x-forwarded-proto") ?? "http";
  return new URL(`${protocol}://${host}`);
}

/** Title, description, canonical link and one hreflang alternate per language for a help page. */
export function helpMetadata(options: { headers: Headers; locale: AppLocale; path: string; title: string; description: string }): Metadata {
  const { headers, locale, path, title, description } = options;
  return {
    metadataBase: siteOrigin(headers),
    title,
    description,
    alternates: {
      canonical: `/${locale}${path}`,
      languages: { ...Object.fromEntries(locales.map((other) => [other, `/${other}${path}`])), "x-default": `/en${path}` },
    },
    openGraph: { title, description, locale },
  };
}
