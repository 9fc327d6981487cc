import { answer, apiRoute } from "@/lib/api/door";
import { setTwoStepPolicy, twoStepPolicyView } from "@/lib/two-step/policy";

export const dynamic = "force-dynamic";

/** The organization's two-step sign-in rule. People's own factors are never reachable with a key. */
export const GET = apiRoute(async ({ db, actor }) => {
  const result = await twoStepPolicyView(db, actor);
  if (!result.ok) return result;
  const { policy, deadline, impacts, paused } = result.view;
  return answer(200, {
    requiredFor: policy.requiredFor,
    graceDays: policy.graceDays,
    since: policy.requiredFor === "off" ? null : policy.since,
    deadline: policy.requiredFor === "off" ? null : deadline,
    paused,
    // Counts only: who has not set it up is named on the console's Authentication page.
    withoutTwoStep: { admins: impacts.admins.withoutTwoStep.length, everyone: impacts.everyone.withoutTwoStep.length },
  });
});

/** Sets the rule (Team and Enterprise); tightening it or changing the grace period restarts the grace period. */
export const PUT = apiRoute(async ({ db, actor, body }) => {
  const graceDays = typeof body.graceDays === "number" ? body.graceDays : Number.NaN;
  const result = await setTwoStepPolicy(db, actor, { requiredFor: body.requiredFor, graceDays });
  return result.ok ? answer(200, { requiredFor: result.policy.requiredFor, graceDays: result.policy.graceDays, since: result.policy.since }) : result;
});
