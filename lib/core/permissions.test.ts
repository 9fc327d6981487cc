import { actions, can, decide, permissionMatrix, type PersonSubject } from "./permissions";
import { plans, planIncludes } from "./plans";

const roles: Record<string, Omit<PersonSubject, "plan">> = {
  admin: { role: "admin", billing: false },
  adminBilling: { role: "admin", billing: true },
  billing: { role: "member", billing: true },
  member: { role: "member", billing: false },
};

describe("the permission matrix", () => {
  it.each(plans)("on %s, every member may open the console, edit their profile and read help", (plan) => {
    for (const subject of Object.values(roles)) {
      for (const action of ["console.open", "profile.edit", "help.read", "chats.own"] as const) {
        expect(can({ ...subject, plan }, action)).toBe(true);
      }
    }
  });

  it("a Member cannot rename, purge or delete the organization, nor manage members", () => {
    for (const plan of plans) {
      for (const action of ["organization.rename", "organization.purgeChats", "organization.delete", "members.manage", "members.invite", "audit.view"] as const) {
        expect(can({ ...roles.member!, plan }, action)).toBe(false);
      }
    }
  });

  it("a Billing user who is not Admin manages the plan but not the organization", () => {
    const subject = { ...roles.billing!, plan: "team" as const };
    expect(can(subject, "billing.changePlan")).toBe(true);
    expect(can(subject, "organization.rename")).toBe(false);
    expect(can(subject, "members.invite")).toBe(false);
  });

  it("an Admin without Billing cannot change the plan", () => {
    expect(can({ ...roles.admin!, plan: "enterprise" }, "billing.changePlan")).toBe(false);
  });

  it.each(plans)("inviting on %s follows the plan table", (plan) => {
    expect(can({ ...roles.admin!, plan }, "members.invite")).toBe(planIncludes(plan, "invitations"));
    expect(["team", "enterprise"].includes(plan)).toBe(planIncludes(plan, "invitations"));
  });

  it("SSO SAML needs Enterprise", () => {
    expect(plans.filter((plan) => can({ ...roles.admin!, plan }, "authentication.sso"))).toEqual(["enterprise"]);
  });

  it("a refusal says whether the role or the plan is missing", () => {
    expect(decide({ ...roles.member!, plan: "free" }, "members.invite")).toEqual({ allowed: false, reason: "role" });
    expect(decide({ ...roles.admin!, plan: "free" }, "members.invite")).toEqual({ allowed: false, reason: "plan", feature: "invitations" });
  });

  it("nobody signed out can do anything", () => {
    for (const action of actions) expect(can(null, action)).toBe(false);
  });

  it("every action in the matrix names at least one holder", () => {
    for (const rule of Object.values(permissionMatrix)) expect(rule.holders.length).toBeGreaterThan(0);
  });
});
