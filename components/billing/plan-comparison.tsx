import { getTranslations } from "next-intl/server";
import { plans, type Plan } from "@/lib/core/plans";
import { plansTable } from "@/lib/help/generated";

/**
 * Every plan against every feature, from the table that gates the features: the billing page
 * (which marks the current plan) and the help center draw this same table with the same names.
 */
export async function PlanComparison({ current, captionVisible = false }: { current?: Plan; captionVisible?: boolean }) {
  const t = await getTranslations("PlanComparison");
  const tFeatures = await getTranslations("Features");
  const tPlans = await getTranslations("Plans");
  const column = (plan: Plan) => `px-3 py-2 text-center ${plan === current ? "bg-indigo-50" : ""}`;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm" data-testid="plan-comparison">
        <caption className={captionVisible ? "mb-2 text-left text-slate-700" : "sr-only"}>{t("caption")}</caption>
        <thead className="border-b border-slate-300">
          <tr>
            <th scope="col" className="py-2 pr-3">{t("feature")}</th>
            {plans.map((plan) => (
              <th key={plan} scope="col" className={column(plan)}>
                {tPlans(plan)}
                {plan === current ? <span className="block text-xs font-normal text-indigo-800">({t("current")})</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {plansTable().map((row) => (
            <tr key={row.feature} data-feature={row.feature} className="border-b border-slate-200">
              <th scope="row" className="py-2 pr-3 font-normal">{tFeatures(row.feature)}</th>
              {plans.map((plan) => (
                <td key={plan} className={column(plan)} data-plan={plan} data-included={row.included[plan]}>
                  {row.included[plan] ? (
                    <span className="font-bold text-emerald-800"><span aria-hidden="true">✓</span><span className="sr-only">{t("included")}</span></span>
                  ) : (
                    <span className="text-slate-600"><span aria-hidden="true">—</span><span className="sr-only">{t("notIncluded")}</span></span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
