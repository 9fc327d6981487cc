import { answer, apiRoute } from "@/lib/api/door";
import { revokeInvitation } from "@/lib/members/invitations";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(async ({ db, actor, params }) => {
  const result = await revokeInvitation(db, actor, { invitationId: params.invitationId });
  return result.ok ? answer(200, { id: params.invitationId, email: result.email, revoked: true }) : result;
});
