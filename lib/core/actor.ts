import type { AuditActorKind, Locale, Plan, Role } from "@/db/schema";
import type { Scope } from "./api-scopes";

/** The signed-in person and their organization, as the database says now. */
export type Viewer = {
  /** Absent on viewers built before keys existed: every actor without a kind is a person. */
  kind?: "person";
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
  /**
   * When that session last proved who is behind it, as read at the start of this request. Only for
   * what a page shows beforehand (the step-up notice); the actions themselves read the row again.
   */
  sessionCheckedAt?: Date;
  /** Where this request came from, copied into the audit events it causes (absent outside a request). */
  context?: RequestContext;
  /**
   * The organization requires two-step sign-in of this person, who has not set it up: until
   * `deadline` a reminder; past it `setupOnly`, and the matrix allows only what setting it up needs.
   */
  twoStepSetup?: { deadline: Date; setupOnly: boolean };
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

/** An organization API key acting through /api/v1: its scopes stand where a person's role stands. */
export type KeyActor = {
  kind: "api_key";
  id: string;
  name: string;
  scopes: readonly Scope[];
  plan: Plan;
  organization: { id: string; name: string; plan: Plan; createdAt: Date };
  /** Where this request came from, copied into the audit events it causes. */
  context?: RequestContext;
};

/** Whoever acts: a signed-in person or an organization API key; both go through the one matrix. */
export type Actor = Viewer | KeyActor;

/** The person behind an actor, for columns that name a person (`invited_by`, `created_by`); null for a key. */
export function personIdOf(actor: Actor): string | null {
  return actor.kind === "api_key" ? null : actor.id;
}

/** What `recordAudit` needs to name the actor: a person by ID (snapshotted there), a key by its own snapshot. */
export type AuditActorFields = { actorId: string | null; actor?: AuditActor; context?: RequestContext };

export function auditActorOf(actor: Actor): AuditActorFields {
  if (actor.kind === "api_key") return { actorId: null, actor: { kind: "api_key", id: actor.id, name: actor.name, email: null }, context: actor.context };
  return { actorId: actor.id, context: actor.context };
}
