import { decide, type Action, type PermissionSubject } from "./permissions";

type ConsoleSectionRule = {
  /** The address below `/{locale}`. */
  path: string;
  /** Its name in the navigation, a key of the `Console` messages. */
  label: string;
  /** The matrix action that opens it. */
  action: Action;
};

/**
 * The one table of console sections: the middleware refuses what is not in it, the navigation
 * lists it, and each page asks its action of the matrix through it.
 */
export const consoleSections = {
  overview: { path: "/admin", label: "overview", action: "console.open" },
  organization: { path: "/admin/organization", label: "organization", action: "organization.rename" },
  members: { path: "/admin/members", label: "members", action: "members.view" },
  billing: { path: "/admin/billing", label: "billing", action: "billing.view" },
  audit: { path: "/admin/audit", label: "audit", action: "audit.view" },
  auditStreaming: { path: "/admin/audit-streaming", label: "auditStreaming", action: "audit.stream" },
  authentication: { path: "/admin/authentication", label: "authentication", action: "authentication.manage" },
  apiKeys: { path: "/admin/api-keys", label: "apiKeys", action: "apiKeys.manage" },
  profile: { path: "/admin/profile", label: "profile", action: "profile.edit" },
  helpFeedback: { path: "/admin/help-feedback", label: "helpFeedback", action: "helpFeedback.view" },
} as const satisfies Record<string, ConsoleSectionRule>;

export type ConsoleSection = keyof typeof consoleSections;

const sectionNames = Object.keys(consoleSections) as ConsoleSection[];

/** The section an address inside the console belongs to (`/admin/members/…` → members), or null. */
export function sectionOfPath(path: string): ConsoleSection | null {
  const [, admin, segment = ""] = path.split("/");
  if (admin !== "admin") return null;
  const sectionPath = segment ? `/admin/${segment}` : "/admin";
  return sectionNames.find((name) => consoleSections[name].path === sectionPath) ?? null;
}

/** Role-only check for a section: a plan-gated page still opens and explains what the plan lacks. */
export function canOpenSection(subject: PermissionSubject, section: ConsoleSection): boolean {
  const decision = decide(subject, consoleSections[section].action);
  return decision.allowed || decision.reason === "plan";
}

/** The sections one person's navigation lists, in the table's order. */
export function openSections(subject: PermissionSubject): ConsoleSection[] {
  return sectionNames.filter((section) => canOpenSection(subject, section));
}
