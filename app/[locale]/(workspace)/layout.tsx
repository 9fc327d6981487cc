import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { AppLocale } from "@/i18n/locales";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { signOutAction } from "@/app/[locale]/(auth)/actions";
import { requireViewer } from "@/lib/auth/viewer";

export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const locale = (await getLocale()) as AppLocale;
  const viewer = await requireViewer(locale, "/studio");
  const t = await getTranslations("Workspace");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-3 px-4 py-3">
          <details className="relative">
            <summary className="cursor-pointer list-none rounded-md border border-slate-300 px-3 py-2 text-sm font-semibold hover:bg-slate-50">
              <span aria-hidden="true">☰ </span>
              {t("mainMenu")}
            </summary>
            <nav aria-label={t("mainMenu")} className="absolute left-0 z-10 mt-2 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
              <ul className="space-y-1">
                <li><Link className="block rounded px-3 py-2 hover:bg-slate-100" href="/studio">{t("studio")}</Link></li>
                <li><Link className="block rounded px-3 py-2 hover:bg-slate-100" href="/chat">{t("chat")}</Link></li>
                <li><Link className="block rounded px-3 py-2 font-semibold hover:bg-slate-100" href="/admin">{t("admin")}</Link></li>
                <li><Link className="block rounded px-3 py-2 hover:bg-slate-100" href="/help">{t("help")}</Link></li>
              </ul>
            </nav>
          </details>
          <p className="text-base font-bold" data-testid="organization-name">{viewer.organization.name}</p>
          <div className="ml-auto flex items-center gap-2">
            <span className="hidden text-sm text-slate-600 sm:inline">{t("signedInAs", { name: viewer.name })}</span>
            <LocaleSwitcher />
            <SignOutButton action={signOutAction} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
        {children}
      </main>
    </div>
  );
}
