import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("Common");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between px-4 py-3 sm:px-8">
        <Link href="/" className="text-lg font-bold text-slate-900">
          {t("appName")}
        </Link>
        <LocaleSwitcher />
      </header>
      <main id="main" className="mx-auto w-full max-w-md flex-1 px-4 pb-16 pt-6">
        {children}
      </main>
    </div>
  );
}
