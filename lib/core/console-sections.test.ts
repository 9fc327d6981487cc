import { canOpenSection, consoleSections, openSections, sectionOfPath } from "./console-sections";
import type { PermissionSubject } from "./permissions";

const member: PermissionSubject = { role: "member", billing: false, plan: "team" };
const billing: PermissionSubject = { role: "member", billing: true, plan: "free" };
const admin: PermissionSubject = { role: "admin", billing: false, plan: "free" };

describe("the console sections", () => {
  it("open by role; a plan-gated section still opens to explain", () => {
    expect(canOpenSection(member, "members")).toBe(false);
    expect(canOpenSection(member, "billing")).toBe(false);
    expect(canOpenSection(member, "profile")).toBe(true);
    expect(canOpenSection(billing, "billing")).toBe(true);
    expect(canOpenSection(admin, "members")).toBe(true);
  });

  it("an address belongs to the section of its first segment below /admin, and an unknown one to none", () => {
    expect(sectionOfPath("/admin")).toBe("overview");
    expect(sectionOfPath("/admin/members")).toBe("members");
    expect(sectionOfPath("/admin/members/anything")).toBe("members");
    expect(sectionOfPath("/admin/help-feedback")).toBe("helpFeedback");
    expect(sectionOfPath("/admin/whatever")).toBeNull();
    expect(sectionOfPath("/admin/not-allowed")).toBeNull();
    expect(sectionOfPath("/studio")).toBeNull();
  });

  it("a Member's navigation lists the overview and their profile only", () => {
    expect(openSections(member)).toEqual(["overview", "profile"]);
  });

  it("every section lives below /admin", () => {
    for (const section of Object.values(consoleSections)) expect(section.path).toMatch(/^\/admin(\/[a-z-]+)?$/);
  });
});
