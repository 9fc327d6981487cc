import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import type { AppLocale } from "@/i18n/locales";
import { ConsoleFrame } from "@/components/layout/frames";
import type { ConsoleNavItem } from "@/components/console/console-nav";
import { signOutAction } from "@/app/[locale]/(auth)/actions";
import { consoleSections, openSections } from "@/lib/core/console-sections";
import { requireViewer } from "@/lib/auth/viewer";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const locale = (await getLocale()) as AppLocale;
  const viewer = await requireViewer(locale, consoleSections.overview.path);
  const t = await getTranslations("Console");
  const items = openSections(viewer).map((section): ConsoleNavItem => [consoleSections[section].path, t(consoleSections[section].label)]);
  const tCommon = await getTranslations("Common");
  return (
    <ConsoleFrame
      words={{ title: t("title"), backToStudio: t("backToStudio"), signOut: tCommon("signOut"), navLabel: t("navLabel") }}
      organizationName={viewer.organization.name}
      items={[...items, ["/help", t("help")]]}
      signOutAction={signOutAction}
    >
      {children}
    </ConsoleFrame>
  );
}
