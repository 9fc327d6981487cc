import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/db/schema";
import { log } from "@/lib/core/log";
import { countMailFailure } from "@/lib/core/metrics";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

const catalogues = { en, fr } as const;

/** A message ready to send; `link` is the one link it carries, kept apart for the outbox and the console. */
export type Mail = { to: string; subject: string; text: string; link?: string };

export type MailOutcome = "sent" | "logged" | "notConfigured" | "failed";

/**
 * How mail leaves this server: SMTP when `SMTP_URL` is set; else JSON files in `MAIL_OUTBOX_DIR`
 * (tests read them); else, outside production, a line in the server console; else not at all.
 */
export function mailDelivery(): "smtp" | "outbox" | "console" | "none" {
  if (process.env.SMTP_URL) return "smtp";
  if (process.env.MAIL_OUTBOX_DIR) return "outbox";
  return process.env.NODE_ENV === "production" ? "none" : "console";
}

type EmailTemplate = keyof typeof en.Emails;

/**
 * A message of the `Emails` catalogue namespace, in the recipient's language. Formatted by
 * next-intl like every other message: inside the build the catalogue arrives precompiled
 * (next.config.mjs), so its strings cannot be filled in by hand.
 */
export function composeMail(to: string, locale: Locale, template: EmailTemplate, values: Record<string, string>): Mail {
  const t = createTranslator({ locale, messages: catalogues[locale], namespace: "Emails" });
  const format = (key: `${EmailTemplate}.${"subject" | "body"}`) => t(key as never, values as never) as string;
  return { to, subject: format(`${template}.subject`), text: format(`${template}.body`), link: values.link };
}

/** The one way mail is sent. A mail problem is reported, never thrown: callers decide what to say. */
export async function sendMail(mail: Mail): Promise<MailOutcome> {
  const delivery = mailDelivery();
  const from = process.env.SMTP_FROM ?? "Org Console <no-reply@localhost>";
  try {
    if (delivery === "smtp") {
      const { createTransport } = await import("nodemailer");
      await createTransport(process.env.SMTP_URL!).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      return "sent";
    }
    if (delivery === "outbox") {
      const directory = process.env.MAIL_OUTBOX_DIR!;
      await mkdir(directory, { recursive: true });
      const name = `${Date.now()}-${randomBytes(4).toString("hex")}.json`;
      // Written aside, then renamed: whoever reads the folder never sees half a mail.
      const partial = path.join(directory, `${name}.partial`);
      await writeFile(partial, JSON.stringify({ from, ...mail, sentAt: new Date().toISOString() }, null, 2));
      await rename(partial, path.join(directory, name));
      return "sent";
    }
    if (delivery === "console") {
      // Development only, without a mail server: the link is printed (plain text, outside the JSON log,
      // never in production) so sign-up and password reset still work on a developer's machine.
      console.info(`[mail] not sent (no SMTP_URL) — to ${mail.to}: “${mail.subject}”${mail.link ? ` — link: ${mail.link}` : ""}`);
      return "logged";
    }
    return "notConfigured";
  } catch (error) {
    countMailFailure();
    log("mail").error({ err: error, delivery }, "email not sent");
    return "failed";
  }
}

export type InvitationEmail = { to: string; link: string; organizationName: string; inviterName: string; locale: Locale };

/** The invitation email, in the inviter's language. */
export function invitationEmail(message: InvitationEmail): Mail {
  return composeMail(message.to, message.locale, "invitation", { organization: message.organizationName, inviter: message.inviterName, link: message.link });
}

/**
 * Sends the invitation; the Admin always has the link to copy, so a mail problem never loses an
 * invitation. A link only written to the console counts as not sent: the Admin still passes it on.
 */
export async function sendInvitationEmail(message: InvitationEmail): Promise<"sent" | "notConfigured" | "failed"> {
  const outcome = await sendMail(invitationEmail(message));
  return outcome === "logged" ? "notConfigured" : outcome;
}
