import { randomUUID } from "node:crypto";
import { asc, inArray } from "drizzle-orm";
import type { KeyActor } from "@/lib/core/actor";
import { scopes, type Scope } from "@/lib/core/api-scopes";
import type { Db } from "@/db";
import { auditEvents, chats, invitations, organizations, totpAuthenticators, users, type Plan } from "@/db/schema";
import { listAuditEvents } from "@/lib/audit/audit-log";
import { setAuditRetention } from "@/lib/audit/retention";
import { addEndpoint, listEndpoints } from "@/lib/audit/streams";
import { changePlan, previewPlanChange } from "@/lib/billing/billing";
import { hashToken } from "@/lib/core/tokens";
import { encryptSecret } from "@/lib/core/encryption";
import { startTotpSetup } from "@/lib/two-step/factors";
import { resetMemberTwoStep } from "@/lib/two-step/policy";
import { createInvitation, listPendingInvitations, revokeInvitation } from "@/lib/members/invitations";
import { changeMemberRole, listMembers, removeMember } from "@/lib/members/members";
import { can, decide, type Action } from "@/lib/core/permissions";
import { plans } from "@/lib/core/plans";
import { previewRetention, readRetentionPolicy, setRetentionPolicy } from "@/lib/lifecycle/retention";
import { requestExport } from "@/lib/lifecycle/exports";
import type { Viewer } from "@/lib/auth/session-user";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, createChats, createOrganization, createUser, viewerOf } from "@/tests/support/factories";

/**
 * Every member, invitation and plan action × every role × every plan × another organization's
 * Admin × signed out. Allowed exactly when lib/core/permissions.ts (with lib/core/plans.ts) says so; every
 * refusal leaves the database as it was.
 */

type World = { organizationId: string; otherOrganizationId: string; member: { id: string; email: string }; invitationId: string; plan: Plan };
type Operation = { name: string; action: Action; mutates: boolean; /** Answers `planRequired` when the plan, not the role, refuses. */ planRefusal?: boolean; run: (db: Db, actor: Viewer | null, world: World) => Promise<{ ok: boolean }> };

const operations: Operation[] = [
  { name: "list members", action: "members.view", mutates: false, run: (db, actor) => listMembers(db, actor) },
  { name: "list pending invitations", action: "members.view", mutates: false, run: (db, actor) => listPendingInvitations(db, actor) },
  { name: "change a member's role", action: "members.manage", mutates: true, run: (db, actor, world) => changeMemberRole(db, actor, { userId: world.member.id, role: "admin", billing: "on" }) },
  { name: "remove a member", action: "members.manage", mutates: true, run: (db, actor, world) => removeMember(db, actor, { userId: world.member.id, confirmation: world.member.email }) },
  { name: "invite someone", action: "members.invite", mutates: true, run: (db, actor) => createInvitation(db, actor, { email: `invitee-${Math.random().toString(36).slice(2)}@example.test` }) },
  { name: "revoke an invitation", action: "members.manage", mutates: true, run: (db, actor, world) => revokeInvitation(db, actor, { invitationId: world.invitationId }) },
  { name: "preview a plan change", action: "billing.changePlan", mutates: false, run: (db, actor, world) => previewPlanChange(db, actor, { plan: otherPlan(world.plan) }) },
  { name: "change the plan", action: "billing.changePlan", mutates: true, run: (db, actor, world) => changePlan(db, actor, { plan: otherPlan(world.plan) }) },
  { name: "read the audit log", action: "audit.view", mutates: false, run: (db, actor) => listAuditEvents(db, actor) },
  { name: "list audit streaming endpoints", action: "audit.stream", mutates: false, planRefusal: true, run: (db, actor) => listEndpoints(db, actor) },
  { name: "add an audit streaming endpoint", action: "audit.stream", mutates: true, planRefusal: true, run: (db, actor) => addEndpoint(db, actor, { url: "https://siem.example.com/org-console" }) },
  { name: "choose the audit log's retention", action: "audit.retention", mutates: true, planRefusal: true, run: (db, actor) => setAuditRetention(db, actor, { days: "90" }) },
  { name: "read the chat retention policy", action: "organization.retention", mutates: false, run: (db, actor) => readRetentionPolicy(db, actor) },
  { name: "preview a chat retention policy", action: "organization.retention", mutates: false, run: (db, actor) => previewRetention(db, actor, { days: 1 }) },
  { name: "set the chat retention policy", action: "organization.retention", mutates: true, run: (db, actor) => setRetentionPolicy(db, actor, { days: 30 }) },
  { name: "start an export", action: "organization.export", mutates: true, run: (db, actor) => requestExport(db, actor) },
  { name: "start setting up one's own two-step sign-in", action: "twoStep.own", mutates: false, run: (db, actor) => startTotpSetup(db, actor) },
  {
    name: "reset a member's two-step sign-in",
    action: "twoStep.resetMember",
    mutates: true,
    run: async (db, actor, world) => {
      // The member has an app (written directly: no audit event, so a refusal leaves the snapshot as it was).
      await db.insert(totpAuthenticators).values({ userId: world.member.id, secretEncrypted: encryptSecret("JBSWY3DPEHPK3PXP"), confirmedAt: new Date() }).onConflictDoNothing();
      return resetMemberTwoStep(db, actor, { userId: world.member.id });
    },
  },
];

function otherPlan(plan: Plan): Plan {
  return plan === "team" ? "pro" : "team";
}

const subjects = ["Admin with Billing", "Admin without Billing", "Billing-only Member", "Member", "another organization's Admin", "signed-out visitor"] as const;
type Subject = (typeof subjects)[number];

const database = testDatabaseForThisFile();

async function buildWorld(db: Db, plan: Plan): Promise<World & { people: Record<Subject, Viewer | null> }> {
  const cast = await createCast(db, plan);
  const adminOnly = await createUser(db, cast.organization.id, { role: "admin" });
  await createChats(db, cast.organization.id, cast.member.id, 2);
  const other = await createOrganization(db, { plan });
  const otherAdmin = await createUser(db, other.id, { role: "admin", billing: true });
  const [invitation] = await db
    .insert(invitations)
    .values({ organizationId: cast.organization.id, email: `pending-${cast.member.id}@example.test`, tokenHash: hashToken(cast.member.id), invitedBy: cast.admin.id, expiresAt: new Date(Date.now() + 86_400_000) })
    .returning();
  const people: Record<Subject, Viewer | null> = {
    "Admin with Billing": await viewerOf(db, cast.admin.id),
    "Admin without Billing": await viewerOf(db, adminOnly.id),
    "Billing-only Member": await viewerOf(db, cast.billing.id),
    Member: await viewerOf(db, cast.member.id),
    "another organization's Admin": await viewerOf(db, otherAdmin.id),
    "signed-out visitor": null,
  };
  return { organizationId: cast.organization.id, otherOrganizationId: other.id, member: cast.member, invitationId: invitation!.id, plan, people };
}

/** Everything an operation could change, for the organizations given. */
async function snapshot(db: Db, organizationIds: string[]) {
  return {
    organizations: await db.select().from(organizations).where(inArray(organizations.id, organizationIds)).orderBy(asc(organizations.id)),
    users: await db.select().from(users).where(inArray(users.organizationId, organizationIds)).orderBy(asc(users.id)),
    invitations: await db.select().from(invitations).where(inArray(invitations.organizationId, organizationIds)).orderBy(asc(invitations.id)),
    chats: await db.select().from(chats).where(inArray(chats.organizationId, organizationIds)).orderBy(asc(chats.id)),
    audit: await db.select().from(auditEvents).where(inArray(auditEvents.organizationId, organizationIds)).orderBy(asc(auditEvents.id)),
  };
}

function only(state: Awaited<ReturnType<typeof snapshot>>, organizationId: string) {
  return {
    organizations: state.organizations.filter((row) => row.id === organizationId),
    users: state.users.filter((row) => row.organizationId === organizationId),
    invitations: state.invitations.filter((row) => row.organizationId === organizationId),
    chats: state.chats.filter((row) => row.organizationId === organizationId),
    audit: state.audit.filter((row) => row.organizationId === organizationId),
  };
}

describe.each(plans)("on the %s plan", (plan) => {
  describe.each(operations)("$name", (operation) => {
    it.each(subjects)("for a %s, matches the permission matrix and changes nothing when refused", async (subject) => {
      const world = await buildWorld(database.db, plan);
      const actor = world.people[subject];
      const outsider = subject === "another organization's Admin";
      const allowed = !outsider && can(actor, operation.action);
      const ids = [world.organizationId, world.otherOrganizationId];
      const before = await snapshot(database.db, ids);
      const result = await operation.run(database.db, actor, world);
      const after = await snapshot(database.db, ids);
      if (outsider) {
        // Their rights hold in their own organization only: nothing in this one changes, whatever they try.
        expect(await snapshot(database.db, [world.organizationId])).toEqual(only(before, world.organizationId));
        if (operation.name === "change a member's role" || operation.name === "remove a member" || operation.name === "revoke an invitation" || operation.name === "reset a member's two-step sign-in") {
          expect(result).toEqual({ ok: false, error: "notFound" });
          expect(after).toEqual(before);
        }
        return;
      }
      expect(result.ok).toBe(allowed);
      if (!allowed) {
        const byPlan = operation.planRefusal && actor && decide(actor, operation.action).allowed === false && (decide(actor, operation.action) as { reason: string }).reason === "plan";
        expect(result).toEqual({ ok: false, error: byPlan ? "planRequired" : "forbidden" });
        expect(after).toEqual(before);
      } else if (operation.mutates) {
        expect(after).not.toEqual(before);
      }
    });
  });
});

describe("organization API keys go through the same matrix", () => {
  const keySets: { label: string; scopes: readonly Scope[] }[] = [...scopes.map((scope) => ({ label: scope, scopes: [scope] })), { label: "all scopes", scopes }, { label: "no scope", scopes: [] }];
  describe.each(plans)("on the %s plan", (plan) => {
    it.each(operations.map((operation) => [operation.name, operation] as const))("%s: a key is allowed exactly when one of its scopes grants it, and never reaches plans or billing", async (_name, operation) => {
      for (const set of keySets) {
        const world = await buildWorld(database.db, plan);
        const [organization] = await database.db.select().from(organizations).where(inArray(organizations.id, [world.organizationId]));
        const key: KeyActor = { kind: "api_key", id: randomUUID(), name: `Key ${set.label}`, scopes: set.scopes, plan, organization: { id: organization!.id, name: organization!.name, plan, createdAt: organization!.createdAt } };
        const allowed = can(key, operation.action);
        if (operation.action.startsWith("billing.")) expect(allowed).toBe(false);
        const before = await snapshot(database.db, [world.organizationId]);
        const result = await operation.run(database.db, key as unknown as Viewer, world);
        expect({ scopes: set.label, ok: result.ok }).toEqual({ scopes: set.label, ok: allowed });
        if (!allowed) expect(await snapshot(database.db, [world.organizationId])).toEqual(before);
      }
    });
  });
});
