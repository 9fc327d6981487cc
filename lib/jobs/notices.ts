import "server-only";
import { and, eq } from "drizzle-orm";
import { users, type Job, type Locale } from "@/db/schema";
import type { Db, Tx } from "@/lib/core/db";
import { composeMail, sendMail } from "@/lib/mail/mailer";

/** Someone to tell about a purge or a deletion, in their saved language. */
export type NoticeRecipient = { id: string; email: string; name: string; locale: Locale; role: "admin" | "member" };

/** The organization's Admins, or everyone in it (a deletion tells every member). */
export async function noticeRecipients(db: Db | Tx, organizationId: string, who: "admins" | "everyone"): Promise<NoticeRecipient[]> {
  return db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, role: users.role })
    .from(users)
    .where(who === "admins" ? and(eq(users.organizationId, organizationId), eq(users.role, "admin")) : eq(users.organizationId, organizationId));
}

const formatCount = (locale: Locale, value: number) => new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-US").format(value);

/** Sends one mail per recipient; a mail problem is logged by the mailer and never stops the work. */
export async function sendNotices(
  recipients: readonly NoticeRecipient[],
  template: "purgeRequested" | "purgeCompleted" | "deletionRequested" | "organizationDeleted",
  values: { organization: string; requester: string; chats: number; messages: number; users?: number },
): Promise<void> {
  for (const person of recipients) {
    await sendMail(
      composeMail(person.email, person.locale, template, {
        name: person.name,
        organization: values.organization,
        requester: values.requester,
        chats: formatCount(person.locale, values.chats),
        messages: formatCount(person.locale, values.messages),
        users: formatCount(person.locale, values.users ?? 0),
      }),
    );
  }
}

/** After a purge or a deletion finished: Admins (purge) or every member (deletion) learn it is done. */
export async function sendCompletionNotices(job: Job, organizationName: string, recipients: readonly NoticeRecipient[]): Promise<void> {
  if (recipients.length === 0) return;
  const requester = recipients.find((person) => person.id === job.requestedBy)?.name ?? "";
  const values = { organization: organizationName, requester, chats: job.progress.chats, messages: job.progress.messages, users: job.progress.users };
  await sendNotices(recipients, job.kind === "delete_organization" ? "organizationDeleted" : "purgeCompleted", values);
}
