/** What an organization API key may be allowed to do, chosen when it is created. */
export const scopes = [
  "organization:read",
  "organization:write",
  "organization:delete",
  "members:read",
  "members:write",
  "domains:write",
  "audit:read",
] as const;

export type Scope = (typeof scopes)[number];

/**
 * The one table of which matrix actions each scope grants. Profile, chats, leaving, sessions, API
 * keys themselves, plans and billing are granted by no scope: a key can never reach them. The
 * action names are checked against the matrix in permissions.ts (this file may not import it).
 */
export const scopeGrants = {
  "organization:read": ["organization.view"],
  "organization:write": ["organization.rename", "organization.purgeChats"],
  "organization:delete": ["organization.delete"],
  "members:read": ["members.view"],
  "members:write": ["members.manage", "members.invite"],
  "domains:write": ["authentication.manage", "authentication.emailDomain"],
  "audit:read": ["audit.view"],
} as const satisfies Record<Scope, readonly string[]>;

/** Scopes a key gets only when someone ticks them on purpose (the console leaves them unchecked). */
export const explicitScopes: readonly Scope[] = ["organization:delete"];

export function isScope(value: unknown): value is Scope {
  return typeof value === "string" && (scopes as readonly string[]).includes(value);
}
