"use server";

import { randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { clientAddressFrom } from "@/lib/core/client-address";
import { recordHelpFeedback, voterCookie, voterSchema } from "@/lib/help/feedback";
import type { HelpFeedbackState } from "@/lib/help/feedback-state";

/** Stores a yes/no answer once per browser and article; the random cookie is the browser's only identity. */
export async function sendHelpFeedbackAction(_previous: HelpFeedbackState, formData: FormData): Promise<HelpFeedbackState> {
  const jar = await cookies();
  let voter = jar.get(voterCookie)?.value;
  if (!voter || !voterSchema.safeParse(voter).success) {
    voter = randomBytes(18).toString("base64url");
    jar.set(voterCookie, voter, { path: "/", httpOnly: true, sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
  }
  const helpful = formData.get("helpful");
  const result = await recordHelpFeedback(await getDb(), {
    article: formData.get("article"),
    locale: await getLocale(),
    helpful,
    voter,
  }, { clientAddress: clientAddressFrom(await headers()) });
  if (!result.ok) return { status: result.error === "throttled" ? "throttled" : "error" };
  return { status: "thanks", helpful: helpful === "yes" ? "yes" : "no" };
}
