import { answer, apiRoute } from "@/lib/api/door";
import { configuredOrigin } from "@/lib/core/origin";
import { sendInvitationEmail } from "@/lib/mail/mailer";
import { createInvitation, listPendingInvitations } from "@/lib/members/invitations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor }) => {
  const result = await listPendingInvitations(db, actor);
  return result.ok ? answer(200, { data: result.invitations }) : result;
});

/** Invites someone (Team and Enterprise plans) and mails them the link, as the Members page does. */
export const POST = apiRoute(async ({ db, actor, body }) => {
  const billing = body.billing === false ? undefined : body.billing;
  const result = await createInvitation(db, actor, { email: body.email, role: body.role, billing });
  if (!result.ok) return result;
  const link = `${configuredOrigin() ?? ""}/en/invite/${result.token}`;
  const mail = await sendInvitationEmail({ to: result.invitation.email, link, organizationName: actor.organization.name, inviterName: actor.name, locale: "en" });
  return answer(201, { ...result.invitation, invitedBy: actor.name, mail });
});
