import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { users, type Locale } from "@/db/schema";
import type { Db, Tx } from "@/lib/core/db";
import { isUniqueViolation } from "@/lib/core/db";
import { findJoinableDomain, joinThroughDomain } from "./domain-join";
import { consumeEmailToken, issueEmailToken, lookupEmailToken } from "@/lib/mail/email-tokens";
import { locale as localeSchema, personName } from "@/lib/core/schemas";
import { fail, type Result } from "@/lib/core/result";
import { issueLoginTicket } from "@/lib/sso/connections";

type Person = { email: string; name: string; passwordHash: string; locale: Locale };

const payloadSchema = z.object({ name: personName, passwordHash: z.string().startsWith("scrypt$"), locale: localeSchema });

/** Inside sign-up's transaction: keeps who is signing up until they prove the mailbox is theirs. */
export async function startJoinConfirmation(tx: Tx, person: Person, now = new Date()): Promise<string> {
  const { email, ...payload } = person;
  return issueEmailToken(tx, { purpose: "joinConfirmation", email, payload }, now);
}

export type JoinLinkStatus = "expired" | "used" | "unknown" | "notJoinable";

export type JoinLinkLookup = { status: "valid"; email: string; organizationName: string; mode: "auto" | "approval" } | { status: JoinLinkStatus };

/** What a confirmation link leads to now; reading it never uses it up. */
export async function lookupJoinConfirmation(db: Db, token: unknown, now = new Date()): Promise<JoinLinkLookup> {
  const link = await lookupEmailToken(db, "joinConfirmation", token, now);
  if (link.status !== "valid") return link;
  const join = await findJoinableDomain(db, link.email);
  if (!join) return { status: "notJoinable" };
  return { status: "valid", email: link.email, organizationName: join.organizationName, mode: join.mode };
}

export type ConfirmJoinError = JoinLinkStatus | "emailTaken";

export type ConfirmJoinOutcome =
  | { joined: { email: string; organizationName: string; loginTicket: string }; joinRequested?: never }
  | { joined?: never; joinRequested: { email: string; organizationName: string } };

/**
 * Completes a sign-up whose email domain lets people join: checks again that it still does, then
 * joins as Member (with a two-minute login ticket to sign in) or files the request for the Admins.
 * The link is used up only when this succeeds, and of two concurrent uses one wins.
 */
export async function confirmJoin(db: Db, token: unknown, now = new Date()): Promise<Result<ConfirmJoinOutcome, ConfirmJoinError>> {
  try {
    return await db.transaction(async (tx) => {
      const link = await lookupEmailToken(tx, "joinConfirmation", token, now);
      if (link.status !== "valid") return fail(link.status);
      const person = payloadSchema.safeParse(link.payload);
      if (!person.success) return fail("unknown");
      const join = await findJoinableDomain(tx, link.email);
      if (!join) return fail("notJoinable");
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, link.email));
      if (taken) return fail("emailTaken");
      const claimed = await consumeEmailToken(tx, "joinConfirmation", token, now);
      if (claimed.status !== "valid") return fail(claimed.status);
      const result = await joinThroughDomain(tx, join, { email: link.email, ...person.data });
      if (!result.user) return { ok: true as const, joinRequested: { email: link.email, organizationName: join.organizationName } };
      const loginTicket = await issueLoginTicket(tx, result.user.id);
      return { ok: true as const, joined: { email: link.email, organizationName: join.organizationName, loginTicket } };
    });
  } catch (error) {
    // The address got an account, or a pending request, meanwhile: the unique index decides.
    if (isUniqueViolation(error)) return fail("emailTaken");
    throw error;
  }
}
