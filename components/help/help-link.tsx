import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { AppLocale } from "@/i18n/locales";
import { getArticle, type HelpSlug } from "@/lib/help";

/** The address and words of a console page's link to the article that explains it: "Help: <article title>". */
export async function helpLinkOf(article: HelpSlug, section?: string): Promise<{ href: string; label: string }> {
  const locale = (await getLocale()) as AppLocale;
  const t = await getTranslations("Help");
  return { href: `/help/${article}${section ? `#${section}` : ""}`, label: t("linkPrefix", { title: getArticle(locale, article).title }) };
}

/** "Help: <article title>" — a console page's link to the article that explains it. */
export async function HelpLink({ article, section }: { article: HelpSlug; section?: string }) {
  const { href, label } = await helpLinkOf(article, section);
  return (
    <p className="text-sm print:hidden">
      <Link href={href} className="link" data-testid="help-link">
        {label}
      </Link>
    </p>
  );
}
