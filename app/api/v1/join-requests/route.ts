import { answer, apiRoute } from "@/lib/api/door";
import { joinRequestResource } from "@/lib/api/resources";
import { fail } from "@/lib/core/result";
import { listJoinRequests } from "@/lib/domains/domain-join";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor }) => {
  const requests = await listJoinRequests(db, actor);
  return requests ? answer(200, { data: requests.map(joinRequestResource) }) : fail("forbidden");
});
