import { answer, apiRoute } from "@/lib/api/door";
import { decodeCursor, encodeCursor } from "@/lib/api/resources";
import { listAuditPage } from "@/lib/audit/export";
import { fail } from "@/lib/core/result";

export const dynamic = "force-dynamic";

/** Audit events, newest first, filtered by `action`, `actorId`, `since`, `until`; `cursor` pages on. */
export const GET = apiRoute(async ({ db, actor, url }) => {
  const params = url.searchParams;
  const cursor = params.get("cursor");
  const before = decodeCursor(cursor);
  if (cursor !== null && before === null) return fail("validation", { cursor: ["invalidCursor"] });
  const input = Object.fromEntries(["action", "actorId", "since", "until", "limit"].flatMap((name) => (params.has(name) ? [[name, params.get(name)]] : [])));
  const result = await listAuditPage(db, actor, { ...input, before: before ?? undefined });
  if (!result.ok) return result;
  return answer(200, { data: result.events, nextCursor: result.nextBefore === null ? null : encodeCursor(result.nextBefore) });
});
