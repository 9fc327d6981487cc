import { answer, apiRoute } from "@/lib/api/door";
import { jobResource } from "@/lib/api/resources";
import { requestOrganizationDeletion } from "@/lib/organizations/organizations";

export const dynamic = "force-dynamic";

/** Deletes the organization (the body repeats its exact name); from then on its keys are refused. */
export const POST = apiRoute(async ({ db, actor, body }) => {
  const result = await requestOrganizationDeletion(db, actor, body);
  if (!result.ok) return result;
  // With a deletion grace period (ORGANIZATION_DELETION_GRACE_DAYS) no job starts yet: the organization is locked until then.
  return result.job ? answer(202, jobResource(result.job)) : answer(202, { status: "scheduled_deletion", scheduledFor: result.scheduledFor?.toISOString() ?? null });
});
