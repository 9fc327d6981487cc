import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { AppLocale } from "@/i18n/locales";
import { getArticle, type HelpSlug } from "@/lib/help";

/** "Help: <article title>" — a console page's link to the article that explains it. */
export async function HelpLink({ article, section }: { article: HelpSlug; section?: string }) {
  const locale = (await getLocale()) as AppLocale;
  const t = await getTranslations("Help");
  return (
    <p className="text-sm print:hidden">
      <Link
        href={`/help/${article}${section ? `#${section}` : ""}`}
        className="link"
        data-testid="help-link"
      >
        {t("linkPrefix", { title: getArticle(locale, article).title })}
      </Link>
    </p>
  );
}
