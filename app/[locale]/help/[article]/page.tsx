import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { hasLocale } from "next-intl";
import { getDb } from "@/db";
import { Link } from "@/i18n/navigation";
import { routing } from "@/i18n/routing";
import { ArticleBody } from "@/components/help/article-body";
import { FeedbackWidget } from "@/components/help/feedback-widget";
import { NextSteps } from "@/components/help/next-steps";
import { TableOfContents } from "@/components/help/table-of-contents";
import { getArticle, isHelpSlug, tableOfContents } from "@/lib/help";
import { helpMetadata } from "@/lib/help/metadata";
import { hasAnswered, voterCookie } from "@/lib/help/feedback";
import { sendHelpFeedbackAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

type Params = { params: Promise<{ locale: string; article: string }> };

async function resolve(params: Params["params"]) {
  const { locale, article } = await params;
  if (!hasLocale(routing.locales, locale) || !isHelpSlug(article)) notFound();
  return { locale, slug: article, article: getArticle(locale, article) };
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { locale, slug, article } = await resolve(params);
  return helpMetadata({ headers: await headers(), locale, path: `/help/${slug}`, title: article.title, description: article.description });
}

export default async function HelpArticlePage({ params }: Params) {
  const { locale, slug, article } = await resolve(params);
  const t = await getTranslations("Help");
  const answered = await hasAnswered(await getDb(), slug, (await cookies()).get(voterCookie)?.value);
  return (
    <ClientMessages namespaces={["HelpFeedback"]}>
      <article className="space-y-8">
        <nav aria-label={t("breadcrumb")} className="text-sm print:hidden">
          <Link href="/help" className="text-indigo-700 underline-offset-2 hover:underline">{t("allArticles")}</Link>
        </nav>
        <header className="space-y-2">
          <h1 className="text-3xl font-bold">{article.title}</h1>
          <p className="max-w-2xl text-lg text-slate-700">{article.description}</p>
        </header>
        <TableOfContents entries={tableOfContents(article)} />
        <ArticleBody article={article} locale={locale} />
        <NextSteps next={article.next} />
        <FeedbackWidget article={slug} alreadyAnswered={answered} action={sendHelpFeedbackAction} />
      </article>
    </ClientMessages>
  );
}
