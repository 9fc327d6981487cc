import { answer, apiRoute } from "@/lib/api/door";
import { changeMemberRole, removeMember } from "@/lib/members/members";

export const dynamic = "force-dynamic";

/** Sets the member's role and Billing flag (`{ "role": "admin" | "member", "billing": true | false }`). */
export const PATCH = apiRoute(async ({ db, actor, body, params }) => {
  const billing = body.billing === false ? undefined : body.billing;
  const result = await changeMemberRole(db, actor, { role: body.role, billing, userId: params.memberId });
  return result.ok ? answer(200, result.member) : result;
});

/** Removes the member; the body's `confirmation` repeats their email address. */
export const DELETE = apiRoute(async ({ db, actor, body, params }) => {
  const result = await removeMember(db, actor, { confirmation: body.confirmation, userId: params.memberId });
  return result.ok ? answer(200, result.removed) : result;
});
