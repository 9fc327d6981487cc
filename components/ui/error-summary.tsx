"use client";

import { useEffect, useId, useRef } from "react";

/** The list of problems at the top of a form, each linking to its field; focused when it appears. */
export function ErrorSummary({
  title,
  items,
}: {
  title: string;
  items: { field?: string; message: string }[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  // Several forms of one page may show their summary at once: each title needs its own ID.
  const titleId = `error-summary-${useId()}`;
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
  }, [items]);
  if (items.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={titleId}
      className="rounded-md border-2 border-red-700 bg-red-50 p-4 text-sm text-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700"
    >
      <h2 id={titleId} className="font-semibold">
        {title}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {items.map((item, index) => (
          <li key={`${item.field ?? "form"}-${index}`}>
            {item.field ? (
              <a href={`#${item.field}`} className="underline">
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
