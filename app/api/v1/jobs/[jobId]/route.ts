import { answer, apiRoute } from "@/lib/api/door";
import { jobResource } from "@/lib/api/resources";
import { getOrganizationJob } from "@/lib/organizations/organizations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor, params }) => {
  const result = await getOrganizationJob(db, actor, { jobId: params.jobId });
  return result.ok ? answer(200, jobResource(result.job)) : result;
});
