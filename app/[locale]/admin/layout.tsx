import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { AppLocale } from "@/i18n/locales";
import { ConsoleNav } from "@/components/console/console-nav";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { signOutAction } from "@/app/[locale]/(auth)/actions";
import { consoleSections, openSections } from "@/lib/core/console-sections";
import { requireViewer } from "@/lib/auth/viewer";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const locale = (await getLocale()) as AppLocale;
  const viewer = await requireViewer(locale, consoleSections.overview.path);
  const t = await getTranslations("Console");
  const items = openSections(viewer).map((section) => ({ href: consoleSections[section].path, label: consoleSections[section].label }));
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-3">
          <Link href="/admin" className="font-bold">{t("title")}</Link>
          <span aria-hidden="true" className="text-slate-400">/</span>
          <span className="font-semibold" data-testid="organization-name">{viewer.organization.name}</span>
          <div className="ml-auto flex flex-wrap items-center gap-x-2">
            <Link href="/studio" className="whitespace-nowrap rounded px-2 py-1 text-sm text-slate-700 hover:underline">{t("backToStudio")}</Link>
            <LocaleSwitcher />
            <SignOutButton action={signOutAction} />
          </div>
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-6 px-4 py-6 md:flex-row">
        <aside className="md:w-56 md:shrink-0">
          <ConsoleNav items={[...items, { href: "/help", label: "help" }]} />
        </aside>
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
