import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { AppLocale } from "@/i18n/locales";
import { ConsoleNav, type ConsoleNavItem } from "@/components/console/console-nav";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { signOutAction } from "@/app/[locale]/(auth)/actions";
import { consoleSections, openSections } from "@/lib/core/console-sections";
import { requireViewer } from "@/lib/auth/viewer";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const locale = (await getLocale()) as AppLocale;
  const viewer = await requireViewer(locale, consoleSections.overview.path);
  const t = await getTranslations("Console");
  const items = openSections(viewer).map((section): ConsoleNavItem => [consoleSections[section].path, t(consoleSections[section].label)]);
  return (
    // Styled by `.console` (app/globals.css): this frame is in every console page's markup and payload.
    <div className="console">
      <header>
        <div>
          <Link href="/admin">{t("title")}</Link>
          <span aria-hidden="true">/</span>
          <span data-testid="organization-name">{viewer.organization.name}</span>
          <div className="console-tools">
            <Link href="/studio" className="header-link">{t("backToStudio")}</Link>
            <LocaleSwitcher />
            <SignOutButton action={signOutAction} />
          </div>
        </div>
      </header>
      <div className="console-body">
        <aside>
          <ConsoleNav label={t("navLabel")} items={[...items, ["/help", t("help")]]} />
        </aside>
        <main id="main">
          {children}
        </main>
      </div>
    </div>
  );
}
