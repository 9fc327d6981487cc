import type { Locale } from "@/db/schema";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

export type InvitationEmail = { to: string; link: string; organizationName: string; inviterName: string; locale: Locale };

const catalogues = { en, fr } as const;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}

/** The invitation email's subject and text, in the inviter's language, from the message catalogues. */
export function invitationEmail(message: InvitationEmail): { subject: string; text: string } {
  const t = catalogues[message.locale].InvitationPage.email;
  const values = { organization: message.organizationName, inviter: message.inviterName, link: message.link };
  return { subject: fill(t.subject, values), text: fill(t.body, values) };
}

/**
 * Sends the invitation when `SMTP_URL` is set (e.g. smtp://user:pass@mail.example.com:587);
 * answers "notConfigured" otherwise, and "failed" when the server refuses: the Admin still has the
 * link to copy, so a mail problem never loses an invitation.
 */
export async function sendInvitationEmail(message: InvitationEmail): Promise<"sent" | "notConfigured" | "failed"> {
  const url = process.env.SMTP_URL;
  if (!url) return "notConfigured";
  try {
    const { createTransport } = await import("nodemailer");
    const transport = createTransport(url);
    const { subject, text } = invitationEmail(message);
    await transport.sendMail({ from: process.env.SMTP_FROM ?? "Org Console <no-reply@localhost>", to: message.to, subject, text });
    return "sent";
  } catch (error) {
    console.error("invitation email not sent:", error instanceof Error ? error.message : error);
    return "failed";
  }
}
