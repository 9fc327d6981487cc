import { answer, apiRoute } from "@/lib/api/door";
import { getOrganization, renameOrganization } from "@/lib/organizations/organizations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor }) => {
  const result = await getOrganization(db, actor);
  return result.ok ? answer(200, result.organization) : result;
});

export const PATCH = apiRoute(async ({ db, actor, body }) => {
  const result = await renameOrganization(db, actor, body);
  return result.ok ? answer(200, result.organization) : result;
});
