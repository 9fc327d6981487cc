"use server";

import { headers } from "next/headers";
import { getDb } from "@/db";
import { clientAddressFrom } from "@/lib/core/client-address";
import { absoluteLink } from "@/lib/core/origin";
import { formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { mailDelivery, sendMail } from "@/lib/mail/mailer";
import { requestPasswordReset } from "@/lib/auth/password-reset";

const deliveryNotice = { smtp: "sent", outbox: "sent", console: "logged", none: "notConfigured" } as const;

export async function forgotPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["email"]);
  const origin = await absoluteLink("");
  const result = await requestPasswordReset(
    await getDb(),
    { email: formData.get("email"), clientAddress: clientAddressFrom(await headers()) },
    // The link opens in the account's language: the mail is written in it.
    { linkFor: (token, language) => `${origin}/${language}/reset-password?token=${token}` },
  );
  if (!result.ok) return formState(result, { values, errorCode: (error) => (error === "throttled" ? "resetThrottled" : error) });
  // Sent in the background: waiting for it would tell, by the time taken, that the account exists.
  if (result.mail) void sendMail(result.mail);
  return { status: "success", code: "resetRequested", values, data: { email: values.email?.trim() ?? "", mail: deliveryNotice[mailDelivery()] } };
}
