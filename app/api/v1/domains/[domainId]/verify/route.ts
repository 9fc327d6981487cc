import { answer, apiRoute } from "@/lib/api/door";
import { domainResource } from "@/lib/api/resources";
import { verifyDomain } from "@/lib/domains/domains";

export const dynamic = "force-dynamic";

/** Looks the TXT record up now and answers what was found. */
export const POST = apiRoute(async ({ db, actor, params }) => {
  const result = await verifyDomain(db, actor, { domainId: params.domainId });
  return result.ok ? answer(200, { ...domainResource(result.domain), check: result.check }) : result;
});
