/** What an organization API key may be allowed to do, chosen when it is created. */
export const scopes = [
  "organization:read",
  "organization:write",
  "organization:delete",
  "organization:export",
  "members:read",
  "members:write",
  "domains:write",
  "audit:read",
  "audit:write",
] as const;

export type Scope = (typeof scopes)[number];

/**
 * The one table of which matrix actions each scope grants. Profile, chats, leaving, sessions, API
 * keys themselves, plans and billing are granted by no scope: a key can never reach them. The
 * action names are checked against the matrix in permissions.ts (this file may not import it).
 *
 * One matrix action is granted by one scope only. `organization.retention` (chat retention) is one
 * action for reading and setting, so both need organization:write; the audit log's retention is
 * read with audit.view (audit:read) and set with audit.retention (audit:write). The organization's
 * two-step rule is read with authentication.manage and set with twoStep.policy, both under
 * domains:write, beside the other sign-in settings; a person's own factors (twoStep.own) are
 * granted by no scope.
 */
export const scopeGrants = {
  "organization:read": ["organization.view"],
  "organization:write": ["organization.rename", "organization.purgeChats", "organization.retention"],
  "organization:delete": ["organization.delete"],
  // Hands everyone's chats to whoever holds the key: never ticked by default.
  "organization:export": ["organization.export"],
  "members:read": ["members.view"],
  "members:write": ["members.manage", "members.invite"],
  "domains:write": ["authentication.manage", "authentication.emailDomain", "twoStep.policy"],
  "audit:read": ["audit.view"],
  "audit:write": ["audit.stream", "audit.retention"],
} as const satisfies Record<Scope, readonly string[]>;

/** Scopes a key gets only when someone ticks them on purpose (the console leaves them unchecked). */
export const explicitScopes: readonly Scope[] = ["organization:delete", "organization:export"];

export function isScope(value: unknown): value is Scope {
  return typeof value === "string" && (scopes as readonly string[]).includes(value);
}
