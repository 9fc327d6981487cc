import { getFormatter, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Notice } from "@/components/ui/card";
import type { PlainFormAction } from "@/components/forms/form-action";
import type { PendingInvitation } from "@/lib/members/invitations";
import type { Plan } from "@/lib/core/plans";

/** The invitations not yet accepted, each with its own Revoke (a plain form: works without JavaScript). The buttons' class is app/globals.css's. */
export async function PendingInvitations({ invitations, revokeAction }: { invitations: PendingInvitation[]; revokeAction: PlainFormAction }) {
  const t = await getTranslations("MembersPage");
  const tRoles = await getTranslations("Roles");
  const format = await getFormatter();
  if (invitations.length === 0) return <p className="text-sm text-slate-700">{t("pendingEmpty")}</p>;
  return (
    <ul className="divide-y divide-slate-200" data-testid="pending-invitations">
      {invitations.map((invitation) => (
        <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
          <div>
            <p className="font-medium break-all">{invitation.email}</p>
            <p className="text-slate-700">
              {tRoles(invitation.role)}
              {invitation.billing ? ` + ${tRoles("billing")}` : ""} · {t("expires")} {format.dateTime(invitation.expiresAt, { dateStyle: "medium" })}
              {invitation.invitedBy ? ` · ${t("invitedBy")} ${invitation.invitedBy}` : ""}
            </p>
          </div>
          <form action={revokeAction}>
            <input type="hidden" name="invitationId" value={invitation.id} />
            <button type="submit" className="tp-button" aria-label={t("revokeFor", { email: invitation.email })}>
              {t("revoke")}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}

/** Shown instead of the invite form when the plan lacks invitations: which plans have it, who can change it. */
export async function InvitationPlanGate({ plan, plansWithInvitations, billingNames, viewerHoldsBilling }: { plan: Plan; plansWithInvitations: readonly Plan[]; billingNames: string[]; viewerHoldsBilling: boolean }) {
  const t = await getTranslations("MembersPage");
  const tPlans = await getTranslations("Plans");
  const format = await getFormatter();
  return (
    <div className="space-y-3" data-testid="invitation-plan-gate">
      <Notice tone="warning">
        <p className="font-semibold">{t("planGateTitle")}</p>
        <p className="mt-1">{t("planGateBody", { plan: tPlans(plan), plans: format.list(plansWithInvitations.map((name) => tPlans(name)), { type: "disjunction" }) })}</p>
        <p className="mt-1">
          {viewerHoldsBilling ? t("planGateBillingYou") : billingNames.length > 0 ? t("planGateBillingOthers", { names: format.list(billingNames) }) : t("planGateBillingNobody")}
        </p>
      </Notice>
      {viewerHoldsBilling ? (
        <Link href="/admin/billing" className="tp-button">{t("seePlans")}</Link>
      ) : null}
    </div>
  );
}
