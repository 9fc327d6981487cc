import { getTranslations } from "next-intl/server";

/** Links to the sections of a long article; hidden when printing. */
export async function TableOfContents({ entries }: { entries: { id: string; heading: string }[] }) {
  if (entries.length === 0) return null;
  const t = await getTranslations("Help");
  return (
    <nav aria-labelledby="toc-title" className="rounded-lg border border-slate-200 bg-white p-4 print:hidden">
      <h2 id="toc-title" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">{t("toc")}</h2>
      <ol className="list-decimal space-y-1 pl-5">
        {entries.map((entry) => (
          <li key={entry.id}>
            <a href={`#${entry.id}`} className="text-indigo-700 underline-offset-2 hover:underline">{entry.heading}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
