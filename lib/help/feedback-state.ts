/** What the help feedback action answers, and the widget shows. */
export type HelpFeedbackState = { status: "idle" | "thanks" | "error" | "throttled"; helpful?: "yes" | "no" };
