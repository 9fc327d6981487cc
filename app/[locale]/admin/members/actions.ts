"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { decideJoinRequest } from "@/lib/domains/domain-join";
import { formFields, formState, rowFields, submittedValues, type FormState } from "@/lib/core/form-state";
import { absoluteLink } from "@/lib/core/origin";
import { createInvitation, revokeInvitation } from "@/lib/members/invitations";
import { sendInvitationEmail, sendMail } from "@/lib/mail/mailer";
import { signMemberOutEverywhere } from "@/lib/sessions/sessions";
import { changeMemberRole, removeMember } from "@/lib/members/members";
import { getViewer } from "@/lib/auth/viewer";
import { withMessages } from "@/i18n/form-messages";

async function backToMembers(query: Record<string, string>): Promise<never> {
  const locale = await getLocale();
  revalidatePath(`/${locale}/admin/members`);
  redirect(`/${locale}/admin/members?${new URLSearchParams(query)}`);
}

/** One form for the whole members table: the pressed button (`userId:<row>`) carries the member's ID, the row's fields are `role:<row>`, `billing:<row>` (rowFields). */
export async function changeMemberRoleAction(formData: FormData): Promise<void> {
  const result = await changeMemberRole(await getDb(), await getViewer(), rowFields(formData, "userId"));
  if (!result.ok) return backToMembers({ error: result.error });
  return backToMembers({ notice: result.changed ? "roleSaved" : "roleUnchanged", email: result.member.email });
}

export async function signMemberOutAction(formData: FormData): Promise<void> {
  const result = await signMemberOutEverywhere(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return backToMembers({ error: result.error });
  await sendMail(result.mail);
  return backToMembers({ notice: "signedOutEverywhere", email: result.member.email });
}

export async function removeMemberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await removeMember(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return withMessages(formState(result, { values: submittedValues(formData, ["confirmation"]) }));
  return backToMembers({ notice: "removed", email: result.removed.email });
}

export async function inviteAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const viewer = await getViewer();
  const result = await createInvitation(await getDb(), viewer, formFields(formData));
  if (!result.ok) return withMessages(formState(result, { values: submittedValues(formData, ["email", "role", "billing"]) }));
  const locale = await getLocale();
  const link = await absoluteLink(`/${locale}/invite/${result.token}`);
  const mail = await sendInvitationEmail({
    to: result.invitation.email,
    link,
    organizationName: viewer!.organization.name,
    inviterName: viewer!.name,
    locale: viewer!.locale,
  });
  revalidatePath(`/${locale}/admin/members`);
  // The success's words come along (its notice, the link's label, hint and copy button, the line about
  // the email), not in the page's messages: a visit that invites nobody needs none of them.
  const t = await getTranslations("MembersPage");
  const email = result.invitation.email;
  const words = {
    linkLabel: t("linkLabel"),
    linkHint: t("linkHint"),
    copy: t("copy"),
    copied: t("copied"),
    copyFailed: t("copyFailed"),
    mailLine: mail === "sent" ? t("emailSent", { email }) : mail === "failed" ? t("emailFailed") : t("emailNotConfigured"),
  };
  return withMessages({ status: "success", code: "invitationCreated", data: { email, link, mail, ...words } }, t("invitationCreated", { email }));
}

export async function revokeInvitationAction(formData: FormData): Promise<void> {
  const result = await revokeInvitation(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return backToMembers({ error: result.error });
  return backToMembers({ notice: "revoked", email: result.email });
}

const joinOutcomes = ["approved", "rejected", "missing", "emailTaken", "planRequired", "forbidden"] as const;

/**
 * Approve or refuse a request to join; the Members and Authentication pages both show the list.
 * The outcome's one line (success or refusal) comes translated as the state's `notice`, so the
 * pages hand the list no `JoinRequests.outcomes`.
 */
export async function decideJoinRequestAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const decision = formData.get("decision") === "approve" ? "approve" : "reject";
  const result = await decideJoinRequest(await getDb(), await getViewer(), formFields(formData), decision);
  const t = await getTranslations("JoinRequests");
  const outcome = (state: FormState) => {
    const code = joinOutcomes.find((known) => known === state.code) ?? "generic";
    return withMessages(state, t(`outcomes.${code}`, { email: String(state.data?.email ?? "") }));
  };
  // "notFound": decided meanwhile (another Admin, another tab).
  if (!result.ok) return outcome(formState(result, { errorCode: (error) => (error === "notFound" ? "missing" : error) }));
  const locale = await getLocale();
  revalidatePath(`/${locale}/admin/members`);
  revalidatePath(`/${locale}/admin/authentication`);
  return outcome({ status: "success", code: decision === "approve" ? "approved" : "rejected", data: { email: result.email } });
}
