import type { Metadata } from "next";
import { locales, type AppLocale } from "@/i18n/locales";
import { publicOrigin } from "@/lib/core/origin";

/** The site's own origin, for absolute hreflang links: the one public origin, never the request's Host. */
export function siteOrigin(headers: Headers): URL {
  return new URL(publicOrigin(headers.get("host")));
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
