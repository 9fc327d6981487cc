import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Link } from "@/i18n/navigation";
import { JoinRequestsSection, JoinRequestsWaiting, showsJoinRequests } from "@/components/join-requests/join-requests-section";
import { InvitationPlanGate, PendingInvitations } from "@/components/members/invitations-panel";
import { InviteForm } from "@/components/members/invite-form";
import { MembersTable } from "@/components/members/members-table";
import { RemoveMemberForm } from "@/components/members/remove-member-form";
import { Card, Notice } from "@/components/ui/card";
import { joinsByApproval, listJoinRequests } from "@/lib/domains/domain-join";
import { listPendingInvitations } from "@/lib/members/invitations";
import { listMembers } from "@/lib/members/members";
import { can, decide } from "@/lib/core/permissions";
import { plansWith } from "@/lib/core/plans";
import { requireSection } from "@/lib/auth/viewer";
import { changeMemberRoleAction, decideJoinRequestAction, inviteAction, removeMemberAction, revokeInvitationAction, signMemberOutAction } from "./actions";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";
import { resetMemberTwoStepAction } from "./two-step-actions";
import { ClientMessages, ifShown } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("MembersPage.title");

type Search = { q?: string; remove?: string; notice?: string; email?: string; error?: string };
const notices = ["roleSaved", "roleUnchanged", "removed", "revoked", "signedOutEverywhere"] as const;

export default async function MembersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireSection("members");
  const t = await getTranslations("MembersPage");
  const tErrors = await getTranslations("Errors");
  const tTwoStep = await getTranslations("MembersTwoStep");
  const params = await searchParams;
  const query = typeof params.q === "string" ? params.q.slice(0, 100) : "";
  const db = await getDb();
  const canApprove = can(viewer, "authentication.emailDomain");
  const [everyone, filtered, pending, requests, approving] = await Promise.all([
    // The listed people come with their two-step state (one query, not a second one for the column).
    listMembers(db, viewer, { withTwoStep: !query.trim() }),
    // Without a filter the list is everyone: not read twice.
    query.trim() ? listMembers(db, viewer, { query, withTwoStep: true }) : null,
    listPendingInvitations(db, viewer),
    // null for whoever may not decide them: the section is then left out.
    listJoinRequests(db, viewer),
    // Only an approver is shown an empty card where requests can arrive.
    canApprove ? joinsByApproval(db, viewer.organization.id) : false,
  ]);
  const listed = filtered ?? everyone;
  if (!everyone.ok || !listed.ok || !pending.ok) return null;
  const canReset = can(viewer, "twoStep.resetMember");
  const removing = everyone.members.find((member) => member.id === params.remove && !member.lastAdmin);
  const invite = decide(viewer, "members.invite");
  const notice = notices.find((code) => code === params.notice);
  const errorText = params.error ? (tErrors.has(params.error as never) ? tErrors(params.error as never) : tErrors("generic")) : null;
  // Parts shown only sometimes get their messages only then (as MembersTable and JoinRequestsSection decide).
  const resets = canReset && listed.members.some((member) => member.twoStep);
  const joinSection = requests !== null && showsJoinRequests(requests, canApprove, approving);
  return (
    <ClientMessages
      namespaces={[
        ...ifShown(invite.allowed, "MembersPage.inviteIntro", "MembersPage.inviteEmail", "MembersPage.inviteEmailHint", "MembersPage.inviteRole", "MembersPage.inviteRoleHint", "MembersPage.inviteBilling", "MembersPage.inviting", "MembersPage.invite"),
        "Roles.member",
        "Roles.admin",
        "MembersPage.filterLabel",
        "MembersPage.filterHint",
        "MembersPage.filter",
        ...ifShown(query.length > 0, "MembersPage.clearFilter"),
        "MembersPage.count",
        ...ifShown(listed.members.length === 0, "MembersPage.noMatch"),
        "MembersPage.tableCaption",
        "MembersPage.name",
        "MembersPage.email",
        "MembersPage.role",
        "MembersPage.joined",
        "MembersPage.actions",
        "MembersPage.you",
        "MembersPage.roleFor",
        "MembersPage.billingFor",
        "MembersPage.saveRoleFor",
        "MembersPage.saveRole",
        ...ifShown(listed.members.some((member) => member.lastAdmin), "MembersPage.lastAdminNote"),
        "MembersPage.signOutEverywhereFor",
        "MembersPage.signOutEverywhere",
        ...ifShown(listed.members.some((member) => !member.lastAdmin), "MembersPage.removeFor", "MembersPage.remove"),
        "Roles.billing",
        "MembersTwoStep.column",
        "MembersTwoStep.on",
        "MembersTwoStep.off",
        ...ifShown(resets, "MembersTwoStep.reset", "MembersTwoStep.resetFor"),
        ...ifShown(joinSection, "JoinRequests.empty", "JoinRequests.details", "JoinRequests.deciding", "JoinRequests.approve", "JoinRequests.reject"),
      ]}
    >
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro", { organization: viewer.organization.name })} help={{ article: "roles-and-permissions" }} />
        {requests ? <JoinRequestsWaiting count={requests.length} /> : null}
        {notice ? (
          <div role="status"><Notice tone="success">{t(notice, { email: params.email ?? "" })}</Notice></div>
        ) : null}
        {params.notice === "twoStepReset" ? (
          <div role="status"><Notice tone="success">{tTwoStep("resetDone", { email: params.email ?? "" })}</Notice></div>
        ) : null}
        {errorText ? (
          <div role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 text-sm text-red-900">{errorText}</div>
        ) : null}
        {removing ? (
          <Card title={t("removeTitle", { name: removing.name })} id="remove">
            <p className="mb-4 text-sm text-red-800">{t("removeWarning", { email: removing.email })}</p>
            <RemoveMemberForm
              userId={removing.id}
              email={removing.email}
              words={{ label: t("confirmationLabel", { email: removing.email }), hint: t("confirmationHint"), pending: t("removing"), submit: t("removeButton") }}
              action={removeMemberAction}
            />
            <Link href="/admin/members" className="mt-4 inline-block text-sm underline">{t("backToMembers")}</Link>
          </Card>
        ) : null}
        <Card title={t("title")} id="members">
          <MembersTable members={listed.members} query={query} viewerId={viewer.id} organizationName={viewer.organization.name} changeRoleAction={changeMemberRoleAction} signOutAction={signMemberOutAction} resetAction={canReset ? resetMemberTwoStepAction : undefined} />
        </Card>
        {requests ? (
          <JoinRequestsSection
            requests={requests}
            canApprove={canApprove}
            asksApproval={approving}
            viewerHoldsBilling={viewer.billing}
            action={decideJoinRequestAction}
          />
        ) : null}
        <Card title={t("inviteTitle")} id="invite">
          {invite.allowed ? (
            <InviteForm action={inviteAction} />
          ) : (
            <InvitationPlanGate
              plan={viewer.organization.plan}
              plansWithInvitations={plansWith("invitations")}
              billingNames={everyone.members.filter((member) => member.billing).map((member) => member.name)}
              viewerHoldsBilling={viewer.billing}
            />
          )}
        </Card>
        <Card title={t("pendingTitle")} id="pending">
          <PendingInvitations invitations={pending.invitations} revokeAction={revokeInvitationAction} />
        </Card>
      </div>
    </ClientMessages>
  );
}
