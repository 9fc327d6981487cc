import { getTranslations } from "next-intl/server";
import { features, planIncludes, plans, type Plan } from "@/lib/core/plans";

/** Every plan against every feature, from the same table that gates the features. */
export async function PlanComparison({ current }: { current: Plan }) {
  const t = await getTranslations("BillingPage");
  const tPlans = await getTranslations("Plans");
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="plan-comparison">
        <caption className="sr-only">{t("comparisonCaption")}</caption>
        <thead className="border-b border-slate-300">
          <tr>
            <th scope="col" className="py-2 pr-3">{t("feature")}</th>
            {plans.map((plan) => (
              <th key={plan} scope="col" className={`px-2 py-2 text-center ${plan === current ? "bg-indigo-50" : ""}`}>
                {tPlans(plan)}
                {plan === current ? <span className="block text-xs font-normal text-indigo-800">({t("currentBadge")})</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {features.map((feature) => (
            <tr key={feature} className="border-b border-slate-200">
              <th scope="row" className="py-2 pr-3 font-normal">{t(`features.${feature}`)}</th>
              {plans.map((plan) => (
                <td key={plan} className={`px-2 py-2 text-center ${plan === current ? "bg-indigo-50" : ""}`}>
                  {planIncludes(plan, feature) ? (
                    <><span aria-hidden="true" className="text-emerald-700">✓</span><span className="sr-only">{t("included")}</span></>
                  ) : (
                    <><span aria-hidden="true" className="text-slate-500">—</span><span className="sr-only">{t("notIncluded")}</span></>
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
