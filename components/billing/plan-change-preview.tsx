import { getTranslations } from "next-intl/server";
import type { PlanChangePreview } from "@/lib/billing/billing";
import { JoinLoss, SsoLoss } from "./authentication-losses";
import type { FormAction } from "@/components/forms/form-action";
import { ConfirmPlanForm } from "./confirm-plan-form";

/** What a plan change will turn off, said before it happens. */
export async function PlanChangePreviewCard({ preview, action }: { preview: PlanChangePreview; action: FormAction }) {
  const t = await getTranslations("BillingPage");
  const tPlans = await getTranslations("Plans");
  const tFeatures = await getTranslations("Features");
  const tStreaming = await getTranslations("AuditStreaming");
  const tLifecycle = await getTranslations("DataLifecycle");
  const names = { from: tPlans(preview.from), to: tPlans(preview.to) };
  return (
    <div className="space-y-4" data-testid="plan-change-preview">
      {preview.direction === "upgrade" ? (
        <p>{t("upgradeBody", names)}</p>
      ) : preview.losses.length === 0 ? (
        <p>{t("downgradeNothing", names)}</p>
      ) : (
        <>
          <p>{t("downgradeBody", names)}</p>
          <ul className="list-disc space-y-1 pl-5">
            {preview.losses.map((loss) =>
              loss.feature === "ssoSaml" ? (
                <SsoLoss key={loss.feature} impact={preview.authentication} />
              ) : loss.feature === "emailDomainSignIn" ? (
                <JoinLoss key={loss.feature} impact={preview.authentication} />
              ) : loss.feature === "chatRetention" ? (
                <li key={loss.feature} data-testid="retention-loss">
                  {loss.affected > 0 ? tLifecycle("billingRetentionPaused", { days: loss.affected }) : tLifecycle("billingRetentionOff")}
                </li>
              ) : (
                <li key={loss.feature}>
                  {loss.feature === "invitations"
                    ? t("lossInvitations", { count: loss.affected })
                    : loss.feature === "auditStreaming"
                      ? tStreaming("planLoss", { count: loss.affected })
                    : loss.feature === "twoStepPolicy"
                      ? t("lossTwoStepPolicy", { count: loss.affected })
                      : t("loss", { feature: tFeatures(loss.feature) })}
                </li>
              ),
            )}
          </ul>
        </>
      )}
      <p className="font-medium">{t("keepsData")}</p>
      <ConfirmPlanForm
        plan={preview.to}
        action={action}
        text={{ submit: t("confirm", { plan: names.to }), pending: t("changing"), cancel: t("cancel", { plan: names.from }) }}
      />
    </div>
  );
}
