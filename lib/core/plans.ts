import type { Plan } from "@/db/schema";

export type { Plan };

/** Plans in order, cheapest first. */
export const plans = ["free", "pro", "team", "enterprise"] as const satisfies readonly Plan[];

export function isPlan(value: unknown): value is Plan {
  return typeof value === "string" && (plans as readonly string[]).includes(value);
}

/**
 * Every feature and the plans that include it. This table gates the features in `lib/` and
 * builds the plan comparison on the billing page and in the help center.
 */
export const planFeatures = {
  chat: ["free", "pro", "team", "enterprise"],
  studio: ["free", "pro", "team", "enterprise"],
  adminConsole: ["free", "pro", "team", "enterprise"],
  organizationSettings: ["free", "pro", "team", "enterprise"],
  auditLog: ["free", "pro", "team", "enterprise"],
  invitations: ["team", "enterprise"],
  emailDomainSignIn: ["team", "enterprise"],
  chatRetention: ["team", "enterprise"],
  ssoSaml: ["enterprise"],
  auditStreaming: ["enterprise"],
  auditRetention: ["enterprise"],
  twoStepPolicy: ["team", "enterprise"],
} as const satisfies Record<string, readonly Plan[]>;

export type Feature = keyof typeof planFeatures;

export const features = Object.keys(planFeatures) as Feature[];

export function planIncludes(plan: Plan, feature: Feature): boolean {
  return (planFeatures[feature] as readonly Plan[]).includes(plan);
}

/** The plans that include a feature, for "available on Team and Enterprise" explanations. */
export function plansWith(feature: Feature): readonly Plan[] {
  return planFeatures[feature];
}

/** Features a move from one plan to another takes away. */
export function featuresLost(from: Plan, to: Plan): Feature[] {
  return features.filter((feature) => planIncludes(from, feature) && !planIncludes(to, feature));
}
