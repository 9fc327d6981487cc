import { answer, apiRoute } from "@/lib/api/door";
import { resumeEndpoint } from "@/lib/audit/streams";

export const dynamic = "force-dynamic";

/** Resumes a paused endpoint: what waited is delivered in order, from the oldest. */
export const POST = apiRoute(async ({ db, actor, params }) => {
  const result = await resumeEndpoint(db, actor, { endpointId: params.endpointId });
  return result.ok ? answer(200, { id: params.endpointId, status: "active" }) : result;
});
