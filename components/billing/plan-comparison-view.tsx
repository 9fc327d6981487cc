"use client";

/** One feature: its name, and whether each plan (in the order of `plans`) includes it. */
export type PlanComparisonRow = { feature: string; label: string; included: boolean[] };

/**
 * The plan comparison's markup, rendered on the server like any component (it works before any
 * script runs) but as a client component given its words already translated: the page's flight
 * data carries each row's facts once instead of every cell a second time beside the HTML. The
 * table's `.pc` rules (app/globals.css) style every cell and draw its ✓ or — (hidden from screen
 * readers, which read the cell's words), so no cell repeats classes or marks.
 */
export function PlanComparisonView({
  plans,
  current,
  captionVisible,
  rows,
  words,
}: {
  plans: { plan: string; name: string }[];
  current?: string;
  captionVisible: boolean;
  rows: PlanComparisonRow[];
  words: { caption: string; feature: string; current: string; included: string; notIncluded: string };
}) {
  const column = (plan: string) => (plan === current ? "pc-cell pc-current" : "pc-cell");
  return (
    <div className="overflow-x-auto">
      <table className="pc w-full border-collapse bg-white text-left text-sm" data-testid="plan-comparison">
        <caption className={captionVisible ? "mb-2 text-left text-slate-700" : "sr-only"}>{words.caption}</caption>
        <thead className="border-b border-slate-300">
          <tr>
            <th scope="col" className="py-2 pr-3">{words.feature}</th>
            {plans.map(({ plan, name }) => (
              <th key={plan} scope="col" className={column(plan)}>
                {name}
                {plan === current ? <span className="block text-xs font-normal text-indigo-800">({words.current})</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.feature} data-feature={row.feature}>
              <th scope="row">{row.label}</th>
              {plans.map(({ plan }, index) => (
                <td key={plan} className={plan === current ? "pc-current" : undefined} data-plan={plan} data-included={row.included[index]}>
                  <span className="sr-only">{row.included[index] ? words.included : words.notIncluded}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
