import { getTranslations } from "next-intl/server";
import { plans, type Plan } from "@/lib/core/plans";
import { plansTable } from "@/lib/help/generated";
import { PlanComparisonView } from "./plan-comparison-view";

/**
 * Every plan against every feature, from the table that gates the features: the billing page
 * (which marks the current plan) and the help center draw this same table with the same names.
 * Translated here; the markup is `PlanComparisonView`'s (see there why it is a client component).
 */
export async function PlanComparison({ current, captionVisible = false }: { current?: Plan; captionVisible?: boolean }) {
  const t = await getTranslations("PlanComparison");
  const tFeatures = await getTranslations("Features");
  const tPlans = await getTranslations("Plans");
  return (
    <PlanComparisonView
      plans={plans.map((plan) => ({ plan, name: tPlans(plan) }))}
      current={current}
      captionVisible={captionVisible}
      rows={plansTable().map((row) => ({ feature: row.feature, label: tFeatures(row.feature), included: plans.map((plan) => row.included[plan]) }))}
      words={{ caption: t("caption"), feature: t("feature"), current: t("current"), included: t("included"), notIncluded: t("notIncluded") }}
    />
  );
}
