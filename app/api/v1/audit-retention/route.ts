import { answer, apiRoute } from "@/lib/api/door";
import { getAuditRetention, setAuditRetention } from "@/lib/audit/retention";

export const dynamic = "force-dynamic";

/** How long audit events are kept (null: forever); `allowed` says whether the plan lets it be set. */
export const GET = apiRoute(async ({ db, actor }) => {
  const result = await getAuditRetention(db, actor);
  return result.ok ? answer(200, { days: result.days, allowed: result.allowed }) : result;
});

/** Sets it (Enterprise): `{"days": 365}` from 30 to 3650, or `{"days": null}` to keep events forever. */
export const PUT = apiRoute(async ({ db, actor, body }) => {
  // The console's form sends "" for forever; the API says null. Anything but a number or null is refused.
  const days = body.days === null ? "" : typeof body.days === "number" ? body.days : Number.NaN;
  const result = await setAuditRetention(db, actor, { days });
  return result.ok ? answer(200, { days: result.days, changed: result.changed }) : result;
});
