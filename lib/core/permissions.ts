import type { Plan, Role } from "@/db/schema";
import { planIncludes, type Feature } from "./plans";
import { scopeGrants, type Scope } from "./api-scopes";

/** What the matrix needs to know of the person asking: read from the database, never from the client. */
/**
 * `twoStepSetup.setupOnly`: past the grace period of the organization's two-step rule, only the
 * actions of `allowedDuringTwoStepSetup` are open to the person until they set it up.
 */
export type PersonSubject = { kind?: "person"; role: Role; billing: boolean; plan: Plan; twoStepSetup?: { setupOnly: boolean } };

/** An organization API key: its scopes stand where a person's role stands; its organization's plan gates it alike. */
export type KeySubject = { kind: "api_key"; scopes: readonly Scope[]; plan: Plan };

export type PermissionSubject = PersonSubject | KeySubject;

/** Who holds a permission: Admins, holders of the Billing role, or every member of the organization. */
export type Holder = "admin" | "billing" | "everyone";

type Rule = { holders: readonly Holder[]; feature?: Feature };

/** The one table of who may do what. Middleware, pages and domain functions all ask it. */
export const permissionMatrix = {
  "console.open": { holders: ["everyone"] },
  "organization.view": { holders: ["everyone"] },
  "profile.edit": { holders: ["everyone"] },
  "chats.own": { holders: ["everyone"] },
  "help.read": { holders: ["everyone"] },
  "organization.leave": { holders: ["everyone"] },
  "organization.rename": { holders: ["admin"], feature: "organizationSettings" },
  "organization.purgeChats": { holders: ["admin"], feature: "organizationSettings" },
  "organization.delete": { holders: ["admin"], feature: "organizationSettings" },
  // One person receives everyone's chats: its own action (and API scope), Admins only.
  "organization.export": { holders: ["admin"], feature: "organizationSettings" },
  "organization.retention": { holders: ["admin"], feature: "chatRetention" },
  "members.view": { holders: ["admin"] },
  "members.manage": { holders: ["admin"] },
  "members.invite": { holders: ["admin"], feature: "invitations" },
  "members.signOut": { holders: ["admin"] },
  "audit.view": { holders: ["admin"], feature: "auditLog" },
  "audit.stream": { holders: ["admin"], feature: "auditStreaming" },
  "audit.retention": { holders: ["admin"], feature: "auditRetention" },
  "helpFeedback.view": { holders: ["admin"] },
  "authentication.manage": { holders: ["admin"] },
  "authentication.emailDomain": { holders: ["admin"], feature: "emailDomainSignIn" },
  "authentication.sso": { holders: ["admin"], feature: "ssoSaml" },
  "twoStep.own": { holders: ["everyone"] },
  "twoStep.policy": { holders: ["admin"], feature: "twoStepPolicy" },
  "twoStep.resetMember": { holders: ["admin"] },
  "billing.view": { holders: ["billing"] },
  "billing.changePlan": { holders: ["billing"] },
  "apiKeys.manage": { holders: ["admin"] },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof permissionMatrix;

export const actions = Object.keys(permissionMatrix) as Action[];

export type Decision = { allowed: true } | { allowed: false; reason: "role" | "plan"; feature?: Feature };

export function holds(subject: Pick<PersonSubject, "role" | "billing">, holder: Holder): boolean {
  if (holder === "everyone") return true;
  if (holder === "admin") return subject.role === "admin";
  return subject.billing;
}

// Every action a scope names must be an action of the matrix.
const grantsOfScope: Record<Scope, readonly Action[]> = scopeGrants;

/** Whether the subject holds the action at all: a person through a role, a key through one of its scopes. */
function entitled(subject: PermissionSubject, rule: Rule, action: Action): boolean {
  if (subject.kind === "api_key") return subject.scopes.some((scope) => grantsOfScope[scope].includes(action));
  return rule.holders.some((holder) => holds(subject, holder));
}

/** What a person who must set up two-step sign-in may still do: set it up, read help, leave. */
export const allowedDuringTwoStepSetup: readonly Action[] = ["console.open", "profile.edit", "twoStep.own", "help.read", "organization.leave"];

/** Why an action is allowed or refused: the two-step rule, the role (or the key's scopes), then the plan. */
export function decide(subject: PermissionSubject, action: Action): Decision {
  if (subject.kind !== "api_key" && subject.twoStepSetup?.setupOnly && !allowedDuringTwoStepSetup.includes(action)) return { allowed: false, reason: "role" };
  const rule: Rule = permissionMatrix[action];
  if (!entitled(subject, rule, action)) return { allowed: false, reason: "role" };
  if (rule.feature && !planIncludes(subject.plan, rule.feature)) {
    return { allowed: false, reason: "plan", feature: rule.feature };
  }
  return { allowed: true };
}

export function can(subject: PermissionSubject | null | undefined, action: Action): boolean {
  return subject != null && decide(subject, action).allowed;
}
