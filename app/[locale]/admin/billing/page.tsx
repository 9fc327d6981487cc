import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { PlanChangePreviewCard } from "@/components/billing/plan-change-preview";
import { PlanComparison } from "@/components/billing/plan-comparison";
import { buttonClass } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { previewPlanChange } from "@/lib/billing/billing";
import { isPlan, plans } from "@/lib/core/plans";
import { requireSection } from "@/lib/auth/viewer";
import { changePlanAction } from "./actions";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";

export const generateMetadata = titleFrom("BillingPage.title");

type Search = { plan?: string; changed?: string; revoked?: string };

export default async function BillingPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireSection("billing");
  const t = await getTranslations("BillingPage");
  const tPlans = await getTranslations("Plans");
  const tErrors = await getTranslations("Errors");
  const params = await searchParams;
  const current = viewer.organization.plan;
  const organization = viewer.organization.name;
  const preview = isPlan(params.plan) ? await previewPlanChange(await getDb(), viewer, { plan: params.plan }) : null;
  const changed = isPlan(params.changed) && params.changed === current;
  const revoked = Math.max(0, Number.parseInt(params.revoked ?? "0", 10) || 0);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro", { organization })} help={{ article: "plans-and-features" }} />
      {changed ? (
        <div role="status">
          <Notice tone="success">
            {t("changed", { organization, plan: tPlans(current) })} {revoked > 0 ? t("changedRevoked", { count: revoked }) : null}
          </Notice>
        </div>
      ) : null}
      <Card title={t("currentPlan")} id="current">
        <p data-testid="current-plan">{t("currentPlanValue", { organization, plan: tPlans(current) })}</p>
        <p className="mt-2 text-sm text-slate-700">{t("paymentNote")}</p>
      </Card>
      {preview?.ok ? (
        <Card title={t("confirmTitle", { plan: tPlans(preview.preview.to) })} id="confirm">
          <PlanChangePreviewCard preview={preview.preview} action={changePlanAction} />
        </Card>
      ) : (
        <Card title={t("changeTitle")} id="change">
          {preview && !preview.ok ? (
            <div role="alert" className="mb-4 rounded-md border-2 border-red-700 bg-red-50 p-3 text-sm text-red-900">
              {tErrors.has(preview.error as never) ? tErrors(preview.error as never) : tErrors("generic")}
            </div>
          ) : null}
          <form method="get" className="space-y-4">
            <fieldset>
              <legend className="mb-2 text-sm font-semibold">{t("changeLegend")}</legend>
              <div className="flex flex-wrap gap-4">
                {plans.map((plan) => (
                  <label key={plan} className="flex items-center gap-2">
                    <input type="radio" name="plan" value={plan} defaultChecked={plan === current} className="size-4" />
                    {tPlans(plan)}
                  </label>
                ))}
              </div>
            </fieldset>
            <button type="submit" className={buttonClass("primary")}>{t("continue")}</button>
          </form>
        </Card>
      )}
      <Card title={t("comparisonTitle")} id="comparison">
        <PlanComparison current={current} />
      </Card>
    </div>
  );
}
