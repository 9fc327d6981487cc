"use client";

import { useSyncExternalStore } from "react";
import { useLocale, useTranslations } from "next-intl";

/** Without JavaScript (and before hydration) times are shown in this zone; then in the browser's own. */
export const serverTimeZone = "UTC";

const subscribeNothing = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const noZone = () => null;

function useTimeZone(): string | null {
  return useSyncExternalStore(subscribeNothing, browserZone, noZone);
}

function format(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone }).format(new Date(iso));
}

/** A date in the viewer's language, and in their device's time zone once JavaScript runs. */
export function LocalTime({ iso }: { iso: string }) {
  const locale = useLocale();
  const zone = useTimeZone();
  return <time dateTime={iso}>{format(iso, locale, zone ?? serverTimeZone)}</time>;
}

export function TimeZoneNote() {
  const t = useTranslations("AuditPage");
  const zone = useTimeZone();
  return <p className="text-sm text-slate-700" data-testid="time-zone-note">{zone ? t("timeZoneBrowser", { zone }) : t("timeZoneServer", { zone: serverTimeZone })}</p>;
}
