import { answer, apiRoute } from "@/lib/api/door";
import { removeEndpoint } from "@/lib/audit/streams";

export const dynamic = "force-dynamic";

/** Removes an endpoint: nothing more is sent to it. */
export const DELETE = apiRoute(async ({ db, actor, params }) => {
  const result = await removeEndpoint(db, actor, { endpointId: params.endpointId });
  return result.ok ? answer(200, { id: params.endpointId, removed: true }) : result;
});
