import { getTranslations } from "next-intl/server";
import { AddDomainForm } from "@/components/authentication/add-domain-form";
import { DomainCard } from "@/components/authentication/domain-card";
import { SsoSettings } from "@/components/authentication/sso-settings";
import { JoinRequestsSection, showsJoinRequests } from "@/components/join-requests/join-requests-section";
import { Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db";
import { asksApproval, listJoinRequests } from "@/lib/domains/domain-join";
import { listDomains } from "@/lib/domains/domains";
import { can } from "@/lib/core/permissions";
import { getConnection } from "@/lib/sso/connections";
import { publicOrigin } from "@/lib/core/origin";
import { serviceProviderFor } from "@/lib/sso/saml";
import { requireSection } from "@/lib/auth/viewer";
import { headers } from "next/headers";
import { decideJoinRequestAction } from "../members/actions";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";
import {
  addDomainAction,
  removeDomainAction,
  saveConnectionAction,
  saveConnectionFromMetadataAction,
  setJoinModeAction,
  setSsoRequiredAction,
  verifyDomainAction,
} from "./actions";

import { TwoStepPolicyForm, type PolicyFormImpact } from "@/components/two-step/policy-form";
import { twoStepPolicyView, type PolicyImpact } from "@/lib/two-step/policy";
import { setTwoStepPolicyAction } from "./two-step-actions";
import { ClientMessages, ifShown } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("AuthenticationPage.title");

/** A choice's reach as the form shows it: the count, and only the first ten addresses (not the whole organization's). */
function impactOf(impact: PolicyImpact): PolicyFormImpact {
  return { withoutTwoStep: impact.withoutTwoStep.length, named: impact.withoutTwoStep.slice(0, 10), ssoPeople: impact.ssoPeople };
}

export default async function AuthenticationPage() {
  const viewer = await requireSection("authentication");
  const t = await getTranslations("AuthenticationPage");
  const tPlans = await getTranslations("Plans");
  const tTwoStep = await getTranslations("TwoStepPolicy");
  const db = await getDb();
  const [domains, requests, connection] = await Promise.all([listDomains(db, viewer), listJoinRequests(db, viewer), getConnection(db, viewer.organization.id)]);
  // From the domains just read, not a query of its own.
  const approvalAsked = (domains ?? []).some(asksApproval);
  const twoStep = await twoStepPolicyView(db, viewer);
  const sp = serviceProviderFor(publicOrigin((await headers()).get("host")), viewer.organization.id);
  const canChooseJoinMode = can(viewer, "authentication.emailDomain");
  const failing = (domains ?? []).filter((domain) => domain.status === "failing");
  // Messages reach the browser only for the forms this visit renders; the domain and policy forms' answers come translated.
  const joinModeForms = canChooseJoinMode && (domains ?? []).some((domain) => domain.status !== "pending");
  const ssoForms = can(viewer, "authentication.sso");
  const policyAvailable = can(viewer, "twoStep.policy");
  const policyDeadline = twoStep.ok && twoStep.view.policy.requiredFor !== "off";
  return (
    <ClientMessages
      namespaces={[
        "AuthenticationPage.domainLabel",
        "AuthenticationPage.domainHint",
        "AuthenticationPage.add",
        "AuthenticationPage.adding",
        ...ifShown(
          twoStep.ok,
          "TwoStepPolicy.legend",
          "TwoStepPolicy.off",
          "TwoStepPolicy.admins",
          "TwoStepPolicy.everyone",
          "TwoStepPolicy.impact",
          "TwoStepPolicy.graceDays",
          "TwoStepPolicy.graceHint",
        ),
        // The parts of the policy form shown only sometimes, as TwoStepPolicyForm decides (its success line comes from its action).
        ...ifShown(twoStep.ok && !policyAvailable, "TwoStepPolicy.planNote"),
        ...ifShown(twoStep.ok && policyAvailable, "TwoStepPolicy.saving", "TwoStepPolicy.save"),
        ...ifShown(twoStep.ok && twoStep.view.paused, "TwoStepPolicy.paused"),
        ...ifShown(policyDeadline, "TwoStepPolicy.deadline"),
        ...ifShown(twoStep.ok && (twoStep.view.impacts.admins.ssoPeople > 0 || twoStep.view.impacts.everyone.ssoPeople > 0), "TwoStepPolicy.ssoExempt"),
        ...ifShown(joinModeForms, "AuthenticationPage.joinModeLabel", "AuthenticationPage.joinModeHint", "AuthenticationPage.joinModes", "AuthenticationPage.saving", "AuthenticationPage.saveJoinMode"),
        ...ifShown(
          ssoForms,
          "Sso.connection.idpEntityId",
          "Sso.connection.idpEntityIdHint",
          "Sso.connection.idpSsoUrl",
          "Sso.connection.idpSsoUrlHint",
          "Sso.connection.idpCertificate",
          "Sso.connection.idpCertificateHint",
          "Sso.connection.save",
          "Sso.connection.saving",
          "Sso.metadata.label",
          "Sso.metadata.hint",
          "Sso.metadata.save",
          "Sso.metadata.saving",
        ),
        ...ifShown(requests !== null && showsJoinRequests(requests, canChooseJoinMode, approvalAsked), "JoinRequests.empty", "JoinRequests.details", "JoinRequests.deciding", "JoinRequests.approve", "JoinRequests.reject"),
      ]}
    >
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro")} />
        {failing.length > 0 ? (
          <div role="status" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950">
            {t("failingSummary", { count: failing.length })}
          </div>
        ) : null}
        {connection && !can(viewer, "authentication.sso") ? (
          <div role="status" data-testid="sso-off-notice">
            <Notice tone="warning">{t("ssoOffOnPlan", { plan: tPlans(viewer.organization.plan) })}</Notice>
          </div>
        ) : null}
        {twoStep.ok ? (
          <Card title={tTwoStep("title")} id="two-step-policy">
            <p className="mb-4 text-sm text-slate-700">{tTwoStep("intro", { organization: viewer.organization.name })}</p>
            <TwoStepPolicyForm
              available={policyAvailable}
              paused={twoStep.view.paused}
              requiredFor={twoStep.view.policy.requiredFor}
              graceDays={twoStep.view.policy.graceDays}
              deadline={twoStep.view.deadline.toISOString()}
              impacts={{ admins: impactOf(twoStep.view.impacts.admins), everyone: impactOf(twoStep.view.impacts.everyone) }}
              action={setTwoStepPolicyAction}
            />
          </Card>
        ) : null}
        <Card title={t("domainsTitle")} id="domains">
          <p className="mb-4 text-sm text-slate-700">{t("domainsIntro")}</p>
          {domains && domains.length > 0 ? (
            <ul className="space-y-4">
              {domains.map((domain) => (
                <DomainCard
                  key={domain.id}
                  domain={domain}
                  canChooseJoinMode={canChooseJoinMode}
                  actions={{ verify: verifyDomainAction, remove: removeDomainAction, joinMode: setJoinModeAction }}
                />
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-700">{t("noDomains")}</p>
          )}
        </Card>
        <Card title={t("addTitle")} id="add-domain">
          <AddDomainForm action={addDomainAction} />
        </Card>
        <SsoSettings
          available={ssoForms}
          sp={sp}
          metadataUrl={`/api/saml/${viewer.organization.id}/metadata`}
          connection={connection}
          domains={domains ?? []}
          actions={{ save: saveConnectionAction, saveFromMetadata: saveConnectionFromMetadataAction, ssoRequired: setSsoRequiredAction }}
        />
        {requests ? (
          <JoinRequestsSection requests={requests} canApprove={canChooseJoinMode} asksApproval={approvalAsked} viewerHoldsBilling={viewer.billing} action={decideJoinRequestAction} />
        ) : null}
      </div>
    </ClientMessages>
  );
}
