import { answer, apiRoute } from "@/lib/api/door";
import { jobResource } from "@/lib/api/resources";
import { requestOrganizationDeletion } from "@/lib/organizations/organizations";

export const dynamic = "force-dynamic";

/** Deletes the organization (the body repeats its exact name); from then on its keys are refused. */
export const POST = apiRoute(async ({ db, actor, body }) => {
  const result = await requestOrganizationDeletion(db, actor, body);
  return result.ok ? answer(202, jobResource(result.job)) : result;
});
