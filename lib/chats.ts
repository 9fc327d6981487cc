import { and, count, desc, eq } from "drizzle-orm";
import { chats, messages } from "@/db/schema";
import type { Db } from "@/db";
import { can } from "./permissions";
import type { Viewer } from "./session-user";

export type ChatSummary = { id: number; title: string; updatedAt: Date; messageCount: number };

/** The viewer's own chats, newest first. Nobody reads another person's chats. */
export async function getChatsForViewer(db: Db, actor: Viewer | null, options: { limit?: number } = {}): Promise<ChatSummary[]> {
  if (!actor || !can(actor, "chats.own")) return [];
  return db
    .select({ id: chats.id, title: chats.title, updatedAt: chats.updatedAt, messageCount: count(messages.id) })
    .from(chats)
    .leftJoin(messages, eq(messages.chatId, chats.id))
    .where(and(eq(chats.userId, actor.id), eq(chats.organizationId, actor.organization.id)))
    .groupBy(chats.id)
    .orderBy(desc(chats.updatedAt), desc(chats.id))
    .limit(options.limit ?? 100);
}
