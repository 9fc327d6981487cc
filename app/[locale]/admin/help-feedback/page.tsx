import { forbidden } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Link } from "@/i18n/navigation";
import type { AppLocale } from "@/i18n/locales";
import { Card } from "@/components/ui/card";
import { getArticle } from "@/lib/help";
import { getHelpFeedbackCounts } from "@/lib/help/feedback";
import { requireSection } from "@/lib/auth/viewer";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";

export const generateMetadata = titleFrom("HelpFeedback.adminTitle");

// Cell styles once on the table, not on every cell: each class string would be sent twice per cell
// (in the HTML and in the page's payload).
const table =
  "w-full border-collapse text-left text-sm [&_td]:border-b [&_td]:border-slate-200 [&_td]:px-3 [&_td]:py-2 [&_td]:text-right [&_td]:tabular-nums [&_th]:border-b [&_th]:border-slate-200 [&_th]:px-3 [&_th]:py-2";

export default async function HelpFeedbackPage() {
  const viewer = await requireSection("helpFeedback");
  const locale = (await getLocale()) as AppLocale;
  const result = await getHelpFeedbackCounts(await getDb(), viewer);
  if (!result.ok) forbidden();
  const t = await getTranslations("HelpFeedback");
  const percent = new Intl.NumberFormat(locale, { style: "percent" });
  return (
    <div className="space-y-6">
      <PageHeader title={t("adminTitle")} intro={t("adminIntro")} />
      <Card>
        <div className="overflow-x-auto">
          <table className={table} data-testid="help-feedback-counts">
            <caption className="sr-only">{t("adminTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("article")}</th>
                <th scope="col" className="text-right">{t("helpful")}</th>
                <th scope="col" className="text-right">{t("notHelpful")}</th>
                <th scope="col" className="text-right">{t("total")}</th>
                <th scope="col" className="text-right">{t("share")}</th>
              </tr>
            </thead>
            <tbody>
              {result.counts.map((row) => {
                const total = row.helpful + row.notHelpful;
                return (
                  <tr key={row.article} data-article={row.article}>
                    <th scope="row" className="font-normal">
                      <Link href={`/help/${row.article}`} className="text-indigo-700 underline-offset-2 hover:underline">
                        {getArticle(locale, row.article).title}
                      </Link>
                    </th>
                    <td data-count="helpful">{row.helpful}</td>
                    <td data-count="notHelpful">{row.notHelpful}</td>
                    <td>{total}</td>
                    <td>{total > 0 ? percent.format(row.helpful / total) : t("noAnswers")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
