import { answer, apiRoute } from "@/lib/api/door";
import { domainResource } from "@/lib/api/resources";
import { fail } from "@/lib/core/result";
import { addDomain, listDomains } from "@/lib/domains/domains";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor }) => {
  const domains = await listDomains(db, actor);
  return domains ? answer(200, { data: domains.map(domainResource) }) : fail("forbidden");
});

export const POST = apiRoute(async ({ db, actor, body }) => {
  const result = await addDomain(db, actor, { domain: body.domain });
  return result.ok ? answer(201, domainResource(result.domain)) : result;
});
