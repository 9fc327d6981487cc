import type { Metadata } from "next";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { AppLocale } from "@/i18n/locales";
import { getArticle, helpSlugs } from "@/lib/help";
import { helpMetadata } from "@/lib/help/metadata";

export async function generateMetadata(): Promise<Metadata> {
  const locale = (await getLocale()) as AppLocale;
  const t = await getTranslations("Help");
  return helpMetadata({ headers: await headers(), locale, path: "/help", title: t("title"), description: t("description") });
}

export default async function HelpIndexPage() {
  const locale = (await getLocale()) as AppLocale;
  const t = await getTranslations("Help");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="max-w-2xl text-slate-700">{t("intro")}</p>
      </div>
      <section aria-labelledby="articles" className="space-y-3">
        <h2 id="articles" className="text-xl font-semibold">{t("articlesHeading")}</h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {helpSlugs.map((slug) => {
            const article = getArticle(locale, slug);
            return (
              <li key={slug} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
                <Link href={`/help/${slug}`} className="text-lg font-semibold text-indigo-700 underline-offset-2 hover:underline">
                  {article.title}
                </Link>
                <p className="mt-1 text-slate-700">{article.description}</p>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
