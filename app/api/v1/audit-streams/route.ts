import { answer, apiRoute } from "@/lib/api/door";
import { auditStreamResource } from "@/lib/api/resources";
import { addEndpoint, listEndpoints } from "@/lib/audit/streams";

export const dynamic = "force-dynamic";

/** The organization's audit streaming endpoints (Enterprise), each with its latest deliveries. */
export const GET = apiRoute(async ({ db, actor }) => {
  const result = await listEndpoints(db, actor);
  return result.ok ? answer(200, { data: result.endpoints.map(auditStreamResource) }) : result;
});

/** Adds an https endpoint; its signing secret is in this answer only. */
export const POST = apiRoute(async ({ db, actor, body }) => {
  const result = await addEndpoint(db, actor, body);
  return result.ok ? answer(201, { id: result.endpointId, url: String(body.url).trim(), secret: result.secret }) : result;
});
