import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { routing } from "@/i18n/routing";
import { layoutClientNamespaces } from "@/i18n/client-messages";
import { ClientMessages } from "@/components/i18n/client-messages";
import "../globals.css";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: "Metadata" });
  return { title: { default: t("title"), template: `%s · ${t("title")}` }, description: t("description") };
}

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "Common" });
  return (
    <html lang={locale}>
      <body className="app">
        <a href="#main" className="skip-link">
          {t("skipToContent")}
        </a>
        {/* Only what the layouts' client components use; each page hands its own forms their namespaces. */}
        <ClientMessages namespaces={layoutClientNamespaces}>{children}</ClientMessages>
      </body>
    </html>
  );
}
