import { answer, apiRoute } from "@/lib/api/door";
import { decodeCursor, encodeCursor, limitOf } from "@/lib/api/resources";
import { fail } from "@/lib/core/result";
import { listMembers } from "@/lib/members/members";

export const dynamic = "force-dynamic";

/** The members, oldest first, `limit` at a time after `cursor`, filtered by `query` (name or email). */
export const GET = apiRoute(async ({ db, actor, url }) => {
  const limit = limitOf(url);
  if (limit === null) return fail("validation", { limit: ["invalidLimit"] });
  const cursorParam = url.searchParams.get("cursor");
  const after = decodeCursor(cursorParam);
  if (cursorParam !== null && after === null) return fail("validation", { cursor: ["invalidCursor"] });
  const result = await listMembers(db, actor, { query: url.searchParams.get("query") ?? "" });
  if (!result.ok) return result;
  const start = after === null ? 0 : result.members.findIndex((member) => member.id === after) + 1;
  const page = result.members.slice(start, start + limit);
  const more = start + limit < result.members.length;
  return answer(200, {
    data: page.map(({ id, name, email, role, billing, createdAt, lastAdmin }) => ({ id, name, email, role, billing, createdAt, lastAdmin })),
    nextCursor: more && page.length > 0 ? encodeCursor(page[page.length - 1]!.id) : null,
  });
});
