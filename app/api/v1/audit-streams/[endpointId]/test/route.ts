import { answer, apiRoute } from "@/lib/api/door";
import { sendTestEvent } from "@/lib/audit/streams";

export const dynamic = "force-dynamic";

/** Sends a signed test message now and answers what the endpoint said (never retried). */
export const POST = apiRoute(async ({ db, actor, params }) => {
  const result = await sendTestEvent(db, actor, { endpointId: params.endpointId });
  if (!result.ok) return result;
  const { delivered, status, error, latencyMs } = result;
  return answer(200, { delivered, status, error, latencyMs });
});
