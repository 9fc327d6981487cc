import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { AppLocale } from "@/i18n/locales";
import { getArticle, type Article } from "@/lib/help";
import { RichText } from "./rich-text";

/** "Next step" links at the end of an article, each with why to read it. */
export async function NextSteps({ next }: { next: Article["next"] }) {
  if (next.length === 0) return null;
  const locale = (await getLocale()) as AppLocale;
  const t = await getTranslations("Help");
  return (
    <section aria-labelledby="next-step" className="space-y-3 print:hidden">
      <h2 id="next-step" className="text-xl font-semibold">{t("next")}</h2>
      <ul className="grid gap-3 sm:grid-cols-2">
        {next.map((item) => (
          <li key={item.slug} className="rounded-lg border border-slate-200 bg-white p-4">
            <Link href={`/help/${item.slug}`} className="font-semibold text-indigo-700 underline-offset-2 hover:underline">
              {getArticle(locale, item.slug).title}
            </Link>
            <p className="mt-1 text-sm text-slate-700"><RichText text={item.text} /></p>
          </li>
        ))}
      </ul>
    </section>
  );
}
