import { answer, apiRoute } from "@/lib/api/door";
import { rotateSecret } from "@/lib/audit/streams";

export const dynamic = "force-dynamic";

/** A new signing secret, in this answer only; the previous one keeps signing for 24 hours. */
export const POST = apiRoute(async ({ db, actor, params }) => {
  const result = await rotateSecret(db, actor, { endpointId: params.endpointId });
  return result.ok ? answer(200, { id: params.endpointId, secret: result.secret, previousValidUntil: result.previousValidUntil }) : result;
});
