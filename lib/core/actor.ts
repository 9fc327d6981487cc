import type { Locale, Plan, Role } from "@/db/schema";

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
  /**
   * The organization requires two-step sign-in of this person, who has not set it up: until
   * `deadline` a reminder; past it `setupOnly`, and the matrix allows only what setting it up needs.
   */
  twoStepSetup?: { deadline: Date; setupOnly: boolean };
};
