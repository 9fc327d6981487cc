import { answer, apiRoute } from "@/lib/api/door";
import { jobResource } from "@/lib/api/resources";
import { requestChatPurge } from "@/lib/organizations/organizations";

export const dynamic = "force-dynamic";

/** Queues the purge of every chat; the body repeats the organization's exact name. */
export const POST = apiRoute(async ({ db, actor, body }) => {
  const result = await requestChatPurge(db, actor, body);
  return result.ok ? answer(202, jobResource(result.job)) : result;
});
