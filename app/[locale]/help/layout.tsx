import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { buttonClass } from "@/components/ui/button";
import { getViewer } from "@/lib/auth/viewer";

/** The help center's frame: readable signed in or out, with the way back to the console or to sign-in. */
export default async function HelpLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("Help");
  const viewer = await getViewer();
  return (
    <div className="flex min-h-screen flex-col print:block">
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-3 px-4 py-3">
          <Link href="/help" className="font-bold">{t("home")}</Link>
          <div className="ml-auto flex flex-wrap items-center gap-x-2">
            <LocaleSwitcher />
            <Link href={viewer ? "/admin" : "/sign-in"} className={buttonClass("secondary")}>
              {viewer ? t("openConsole") : t("signIn")}
            </Link>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 print:max-w-none print:p-0">
        {children}
      </main>
    </div>
  );
}
