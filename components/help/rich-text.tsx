import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { AppLocale } from "@/i18n/locales";
import { plansWith } from "@/lib/core/plans";
import { parseRichText } from "@/lib/help/rich-text";

const linkClass = "font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900";

/** Renders an article's text: bold, links (internal ones localized), callout numbers, plan names. */
export async function RichText({ text }: { text: string }) {
  const locale = (await getLocale()) as AppLocale;
  const t = await getTranslations("Help");
  const tPlans = await getTranslations("Plans");
  const list = new Intl.ListFormat(locale, { type: "disjunction" });
  return (
    <>
      {parseRichText(text).map((token, index) => {
        switch (token.kind) {
          case "text":
            return token.text;
          case "strong":
            return <strong key={index}>{token.text}</strong>;
          case "link":
            return token.href.startsWith("/") ? (
              <Link key={index} href={token.href} className={linkClass}>{token.text}</Link>
            ) : (
              <a key={index} href={token.href} className={linkClass}>{token.text}</a>
            );
          case "marker":
            return <Marker key={index} number={token.number} label={t("markerLabel", { number: token.number })} />;
          case "plans":
            return list.format(plansWith(token.feature).map((plan) => tPlans(plan)));
        }
      })}
    </>
  );
}

/** The numbered disc drawn on screenshots, repeated in the text so readers can match them. */
export function Marker({ number, label }: { number: number; label: string }) {
  return (
    <span role="img" aria-label={`(${label})`} className="mx-0.5 inline-flex size-6 items-center justify-center rounded-full bg-red-700 align-middle text-xs font-bold text-white print:border print:border-black print:bg-white print:text-black">
      {number}
    </span>
  );
}
