import type { Role } from "@/db/schema";
import { actions, holds, permissionMatrix, type Action } from "@/lib/core/permissions";
import { features, planFeatures, plans, planIncludes, type Feature, type Plan } from "@/lib/core/plans";

/** The people the roles table describes: Admin, a Member holding Billing, and a plain Member. */
export const roleColumns = [
  { key: "admin", role: "admin", billing: false },
  { key: "billing", role: "member", billing: true },
  { key: "member", role: "member", billing: false },
] as const satisfies readonly { key: string; role: Role; billing: boolean }[];

export type RoleColumn = (typeof roleColumns)[number]["key"];

export type RoleRow = { action: Action; allowed: Record<RoleColumn, boolean>; plans: readonly Plan[] | null };

/** One row per action of lib/core/permissions.ts: which roles hold it, and the plans it needs if not all. */
export function rolesTable(): RoleRow[] {
  return actions.map((action) => {
    const rule: { holders: readonly ("admin" | "billing" | "everyone")[]; feature?: Feature } = permissionMatrix[action];
    const allowed = Object.fromEntries(
      roleColumns.map((column) => [column.key, rule.holders.some((holder) => holds(column, holder))]),
    ) as Record<RoleColumn, boolean>;
    const needed = rule.feature ? planFeatures[rule.feature] : null;
    return { action, allowed, plans: needed && needed.length < plans.length ? needed : null };
  });
}

export type PlanRow = { feature: Feature; included: Record<Plan, boolean> };

/** One row per feature of lib/core/plans.ts, one column per plan. */
export function plansTable(): PlanRow[] {
  return features.map((feature) => ({
    feature,
    included: Object.fromEntries(plans.map((plan) => [plan, planIncludes(plan, feature)])) as Record<Plan, boolean>,
  }));
}
