import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";

const tones = {
  tip: "border-emerald-600 bg-emerald-50 text-emerald-950",
  note: "border-sky-600 bg-sky-50 text-sky-950",
  warning: "border-red-700 bg-red-50 text-red-950",
} as const;

export type CalloutTone = keyof typeof tones;

/** A highlighted aside: tip, note, or warning for what cannot be undone. */
export async function Callout({ tone, children }: { tone: CalloutTone; children: ReactNode }) {
  const t = await getTranslations("Help");
  const className = tones[tone];
  return (
    <div role="note" className={`my-4 rounded-md border-l-4 p-4 print:border print:bg-white ${className}`} data-callout={tone}>
      <p>
        <strong>{t(tone)}</strong>
        {" — "}
        {children}
      </p>
    </div>
  );
}
