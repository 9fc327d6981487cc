import "server-only";
import { and, count, desc, eq } from "drizzle-orm";
import { chats, messages } from "@/db/schema";
import type { Db } from "@/db";
import { forgetContentCounts } from "@/lib/jobs/jobs";
import { guard } from "@/lib/core/guard";
import type { Result } from "@/lib/core/result";
import { leadingGraphemes, normalizeDisplayText } from "@/lib/core/schemas";
import { startChatSchema } from "./schemas";
import type { Viewer } from "@/lib/core/actor";

/** A chat is named after the start of its first message: one line, 60 visible characters at most. */
export function chatTitle(message: string): string {
  const { graphemes: visible, more } = leadingGraphemes(normalizeDisplayText(message), 60);
  return more ? `${visible.slice(0, 59).join("").trimEnd()}…` : visible.join("");
}

/**
 * Starts one of the viewer's own chats with its first message. (The assistant's answers belong to
 * the chat platform, not to this console.)
 */
export async function startChat(
  db: Db,
  caller: Viewer | null,
  input: Record<string, unknown>,
): Promise<Result<{ chatId: number; title: string }, "forbidden" | "validation">> {
  const door = guard(caller, "chats.own", startChatSchema, input);
  if (!door.ok) return door;
  const { actor, input: parsed } = door;
  const title = chatTitle(parsed.message);
  const chatId = await db.transaction(async (tx) => {
    const [chat] = await tx.insert(chats).values({ organizationId: actor.organization.id, userId: actor.id, title }).returning({ id: chats.id });
    await tx.insert(messages).values({ chatId: chat!.id, author: "user", body: parsed.message });
    return chat!.id;
  });
  forgetContentCounts(actor.organization.id);
  return { ok: true, chatId, title };
}

export type ChatSummary = { id: number; title: string; updatedAt: Date; messageCount: number };

/** The viewer's own chats, newest first. Nobody reads another person's chats. */
export async function getChatsForViewer(db: Db, caller: Viewer | null, options: { limit?: number } = {}): Promise<ChatSummary[]> {
  const door = guard(caller, "chats.own");
  if (!door.ok) return [];
  const { actor } = door;
  return db
    .select({ id: chats.id, title: chats.title, updatedAt: chats.updatedAt, messageCount: count(messages.id) })
    .from(chats)
    .leftJoin(messages, eq(messages.chatId, chats.id))
    .where(and(eq(chats.userId, actor.id), eq(chats.organizationId, actor.organization.id)))
    .groupBy(chats.id)
    .orderBy(desc(chats.updatedAt), desc(chats.id))
    .limit(options.limit ?? 100);
}
