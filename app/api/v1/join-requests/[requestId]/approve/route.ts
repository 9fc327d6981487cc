import { answer, apiRoute } from "@/lib/api/door";
import { decideJoinRequest } from "@/lib/domains/domain-join";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ db, actor, params }) => {
  const result = await decideJoinRequest(db, actor, { requestId: params.requestId }, "approve");
  return result.ok ? answer(200, { id: params.requestId, email: result.email, decision: "approve" }) : result;
});
