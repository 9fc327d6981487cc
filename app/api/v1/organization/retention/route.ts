import { answer, apiRoute } from "@/lib/api/door";
import { readRetentionPolicy, setRetentionPolicy } from "@/lib/lifecycle/retention";

export const dynamic = "force-dynamic";

/** The chat retention policy (Team and Enterprise): `days` without activity, or null when off. */
export const GET = apiRoute(async ({ db, actor }) => {
  const result = await readRetentionPolicy(db, actor);
  return result.ok ? answer(200, result.policy) : result;
});

/** Sets the policy (`{"days": 90}` or `{"days": null}`); the daily round applies it, never this request. */
export const PUT = apiRoute(async ({ db, actor, body }) => {
  const set = await setRetentionPolicy(db, actor, body);
  if (!set.ok) return set;
  const read = await readRetentionPolicy(db, actor);
  return read.ok ? answer(200, { ...read.policy, changed: set.changed }) : read;
});
