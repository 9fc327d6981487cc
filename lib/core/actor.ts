import type { AuditActorKind, Locale, Plan, Role } from "@/db/schema";

/** The signed-in person and their organization, as the database says now. */
export type Viewer = {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  role: Role;
  billing: boolean;
  plan: Plan;
  organization: { id: string; name: string; plan: Plan; createdAt: Date };
  /** The session row this request came with (absent for viewers built outside a request). */
  sessionId?: string;
  /** Where this request came from, copied into the audit events it causes (absent outside a request). */
  context?: RequestContext;
};

/**
 * Who an audit event names, as they were when it happened: kept as a snapshot so that removing a
 * member, renaming them or revoking a key changes no event.
 */
export type AuditActor = {
  kind: AuditActorKind;
  /** The person's or the key's ID; null for the system. */
  id: string | null;
  name: string | null;
  email: string | null;
};

/** Where a request came from, recorded with the events it causes where there is one. */
export type RequestContext = { clientAddress?: string | null; userAgent?: string | null };
