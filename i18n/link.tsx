"use client";

import type { ComponentProps } from "react";
import NextLink from "next/link";
import { useParams } from "next/navigation";
import { defaultLocale, isLocale, type AppLocale } from "./locales";

type Href = string | { pathname: string; query?: Record<string, string | undefined>; hash?: string };

/** `/admin` or `{ pathname: "/admin", query }` as the address of this page's locale: `/en/admin?…`. */
export function localizedHref(locale: string, href: Href): string {
  const { pathname, query, hash } = typeof href === "string" ? { pathname: href, query: undefined, hash: undefined } : href;
  const search = new URLSearchParams(Object.entries(query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();
  const path = pathname === "/" ? `/${locale}` : `/${locale}${pathname}`;
  return `${path}${search ? `?${search}` : ""}${hash ? `#${hash}` : ""}`;
}

/**
 * A link inside the console's locale, as next-intl's Link made it, on Next's own Link only: the
 * browser no longer loads next-intl's navigation code, and a page's payload carries only the props
 * given here. No prefetching unless a link asks for it: Next prefetches every link in view, and each
 * console page prefetch is a full server render the visitor may never open (about 20 per console page
 * load). Without it, a visit costs one render; a click still navigates client-side. `locale` links
 * to another language (the middleware then keeps the locale cookie in step).
 */
export function Link({ href, locale, prefetch = false, ...props }: Omit<ComponentProps<typeof NextLink>, "href" | "locale"> & { href: Href; locale?: AppLocale }) {
  const params = useParams<{ locale?: string }>();
  const current = isLocale(params.locale) ? params.locale : defaultLocale;
  return <NextLink href={localizedHref(locale ?? current, href)} prefetch={prefetch} {...props} />;
}
