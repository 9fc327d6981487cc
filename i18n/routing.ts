import { defineRouting } from "next-intl/routing";
import { defaultLocale, locales } from "./locales";

export const routing = defineRouting({
  locales,
  defaultLocale,
  localePrefix: "always",
  localeCookie: { name: "NEXT_LOCALE", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 },
  // No `Link` header of alternates on every answer: console pages are per person, and the help
  // articles name their other language in their own <link rel="alternate"> (their metadata).
  alternateLinks: false,
});
