import "server-only";
import { eq } from "drizzle-orm";
import { organizations, type Plan } from "@/db/schema";
import type { Db, Tx } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { countActiveEndpoints, pauseEndpointsForPlan, resumeEndpointsAfterPlan } from "@/lib/audit/streams";
import { countPendingJoinRequests, countSsoUsers, describePlanChangeImpact, type PlanChangeImpact } from "@/lib/domains/domain-join";
import { countPending, revokePending } from "@/lib/members/invitations";
import { countCoveredByPolicy } from "@/lib/two-step/policy";
import { lockOrganizationAs } from "@/lib/members/members";
import { getRetentionPolicy } from "@/lib/lifecycle/retention";
import { z } from "zod";
import { guard } from "@/lib/core/guard";
import { featuresLost, planIncludes, plans, type Feature } from "@/lib/core/plans";
import { fail, type Result } from "@/lib/core/result";
import { auditActorOf, type Viewer } from "@/lib/core/actor";

async function retentionDaysOf(db: Db | Tx, organizationId: string): Promise<number> {
  return (await getRetentionPolicy(db, organizationId))?.days ?? 0;
}

export type BillingError = "forbidden" | "validation" | "samePlan";

export const planChoiceSchema = z.object({ plan: z.enum(plans, { error: "invalidPlan" }) });

/**
 * What leaving a feature does to an organization's data. One entry per feature that owns data;
 * a feature without an entry simply stops working (nothing stored is touched). To extend (e.g.
 * SSO settings when a plan leaves Enterprise), add an entry: `count` feeds the confirmation step
 * and `disable` runs inside the plan change's transaction. Nothing here may delete a member or data.
 * SSO and joining by email domain change nothing stored: their settings stay, unused, and work
 * again after an upgrade (sign-in and sign-up ask the plan); their counts say who is affected.
 */
export type FeatureShutdown = {
  /** How many things the change will disable, shown before the change is confirmed. */
  count: (db: Db | Tx, organizationId: string, now: Date) => Promise<number>;
  /** Disables them; returns how many it disabled, recorded in the audit event. */
  disable: (tx: Tx, organizationId: string, now: Date) => Promise<number>;
};

export const featureShutdowns: Partial<Record<Feature, FeatureShutdown>> = {
  invitations: { count: countPending, disable: (tx, organizationId, now) => revokePending(tx, organizationId, now) },
  ssoSaml: {
    count: async (db, organizationId) => (await countSsoUsers(db, organizationId)).people,
    disable: async (tx, organizationId) => (await countSsoUsers(tx, organizationId)).people,
  },
  emailDomainSignIn: { count: countPendingJoinRequests, disable: countPendingJoinRequests },
  // Streams are paused, not removed: endpoints, secrets and waiting events stay for a return to Enterprise.
  auditStreaming: { count: countActiveEndpoints, disable: pauseEndpointsForPlan },
  // The retention policy is kept, paused (nothing deleted): "affected" is its number of days, 0 when off.
  chatRetention: { count: retentionDaysOf, disable: retentionDaysOf },
  // The rule is paused, not deleted: requirementFor() ignores it below Team.
  twoStepPolicy: { count: countCoveredByPolicy, disable: countCoveredByPolicy },
};

/** One line of "what this plan change will disable": a lost feature and how many of its things go. */
export type PlanChangeLoss = { feature: Feature; affected: number };

/** Features a plan change takes away, from `featuresLost()`, each with the count of things it disables. */
export async function planChangeDisables(db: Db | Tx, organizationId: string, from: Plan, to: Plan, now = new Date()): Promise<PlanChangeLoss[]> {
  const losses: PlanChangeLoss[] = [];
  for (const feature of featuresLost(from, to)) {
    const shutdown = featureShutdowns[feature];
    losses.push({ feature, affected: shutdown ? await shutdown.count(db, organizationId, now) : 0 });
  }
  return losses;
}

export type PlanChangePreview = {
  from: Plan;
  to: Plan;
  direction: "upgrade" | "downgrade";
  losses: PlanChangeLoss[];
  /** Domains, people and requests behind the SSO and email-domain losses. */
  authentication: PlanChangeImpact;
};

/** The confirmation step: what a change to this plan would do, without doing it. */
export async function previewPlanChange(db: Db, caller: Viewer | null, input: { plan: unknown }): Promise<Result<{ preview: PlanChangePreview }, BillingError>> {
  const door = guard(caller, "billing.changePlan", planChoiceSchema, input);
  if (!door.ok) return door;
  const { actor } = door;
  const from = actor.organization.plan;
  const to = door.input.plan;
  if (from === to) return fail("samePlan", { plan: ["samePlan"] });
  const [losses, authentication] = await Promise.all([
    planChangeDisables(db, actor.organization.id, from, to),
    describePlanChangeImpact(db, actor.organization.id, from, to),
  ]);
  return { ok: true, preview: { from, to, direction: plans.indexOf(to) > plans.indexOf(from) ? "upgrade" : "downgrade", losses, authentication } };
}

/**
 * The one place a plan changes, for the billing page today and a payment provider's callback
 * later. Runs each lost feature's shutdown in the same transaction; never removes a member or data.
 */
export async function changePlan(
  db: Db,
  caller: Viewer | null,
  input: { plan: unknown },
  now = new Date(),
): Promise<Result<{ from: Plan; to: Plan; disabled: PlanChangeLoss[] }, BillingError>> {
  const door = guard(caller, "billing.changePlan", planChoiceSchema, input);
  if (!door.ok) return door;
  const { actor } = door;
  const to = door.input.plan;
  return db.transaction(async (tx) => {
    const fresh = await lockOrganizationAs(tx, actor, "billing.changePlan");
    if (!fresh) return fail("forbidden");
    const from = fresh.organization.plan;
    if (from === to) return fail("samePlan", { plan: ["samePlan"] });
    const disabled: PlanChangeLoss[] = [];
    for (const feature of featuresLost(from, to)) {
      const shutdown = featureShutdowns[feature];
      disabled.push({ feature, affected: shutdown ? await shutdown.disable(tx, actor.organization.id, now) : 0 });
    }
    const authentication = await describePlanChangeImpact(tx, actor.organization.id, from, to);
    await tx.update(organizations).set({ plan: to, updatedAt: now }).where(eq(organizations.id, actor.organization.id));
    if (planIncludes(to, "auditStreaming") && !planIncludes(from, "auditStreaming")) await resumeEndpointsAfterPlan(tx, actor.organization.id);
    await recordAudit(tx, {
      organizationId: actor.organization.id,
      ...auditActorOf(actor),
      action: "organization.planChanged",
      data: { from, to, disabled: Object.fromEntries(disabled.map((loss) => [loss.feature, loss.affected])), authentication },
    });
    return { ok: true as const, from, to, disabled };
  });
}
