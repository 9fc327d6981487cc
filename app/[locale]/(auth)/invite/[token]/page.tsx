import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Link } from "@/i18n/navigation";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { lookupInvitation } from "@/lib/members/invitations";
import { getViewer } from "@/lib/auth/viewer";
import { AcceptInvitationForm } from "./accept-form";
import { signOutAndContinueAction } from "./actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const t = await getTranslations("InvitationPage");
  const invitation = await lookupInvitation(await getDb(), (await params).token);
  return { title: invitation.status === "valid" ? t("title", { organization: invitation.organizationName }) : t(`${invitation.status}Title`), referrer: "same-origin" };
}

/** Where an invitation link leads: the join form, or a page that says why the link no longer works. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("InvitationPage");
  const tRoles = await getTranslations("Roles");
  const invitation = await lookupInvitation(await getDb(), token);
  if (invitation.status !== "valid") {
    return (
      <div className="space-y-4" data-testid={`invitation-${invitation.status}`}>
        <h1 className="text-2xl font-bold">{t(`${invitation.status}Title`)}</h1>
        <p className="text-slate-700">{t(`${invitation.status}Body`)}</p>
        <Link href="/sign-in" className="inline-block font-semibold text-indigo-700 underline">{t("signIn")}</Link>
      </div>
    );
  }
  const viewer = await getViewer();
  const organization = invitation.organizationName;
  const role = tRoles(invitation.role);
  return (
    <ClientMessages namespaces={["InvitationPage", "Errors"]}>
      <div className="space-y-6">
        <div className="space-y-2">
          <h1 className="text-2xl font-bold">{t("title", { organization })}</h1>
          <p className="text-slate-700">
            {invitation.inviterName ? t("invitedBy", { inviter: invitation.inviterName, organization, role }) : t("invitedByUnknown", { organization, role })}
          </p>
          {invitation.billing ? <p className="text-slate-700">{t("withBilling")}</p> : null}
          <p className="text-slate-700">{t("accountEmail", { email: invitation.email })}</p>
        </div>
        {viewer ? (
          <div className="space-y-4">
            <Notice tone="warning">{t("signedInAs", { email: viewer.email, invited: invitation.email })}</Notice>
            <form action={signOutAndContinueAction}>
              <input type="hidden" name="token" value={token} />
              <SubmitButton pendingLabel={t("accepting")}>{t("signOutAndContinue")}</SubmitButton>
            </form>
          </div>
        ) : (
          <AcceptInvitationForm token={token} organization={organization} />
        )}
      </div>
    </ClientMessages>
  );
}
