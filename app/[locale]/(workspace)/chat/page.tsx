import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import type { AppLocale } from "@/i18n/locales";
import { ChatList } from "@/components/chat/chat-list";
import { StartChatForm } from "@/components/chat/start-chat-form";
import { getChatsForViewer } from "@/lib/chats/chats";
import { requireViewer } from "@/lib/auth/viewer";
import { getRetentionPolicy } from "@/lib/lifecycle/retention";
import { startChatAction } from "./actions";
import { titleFrom } from "@/i18n/metadata";
import { ClientMessages } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("Chat.title");

export default async function ChatPage() {
  const locale = (await getLocale()) as AppLocale;
  const viewer = await requireViewer(locale, "/chat");
  const t = await getTranslations("Chat");
  const db = await getDb();
  const chats = await getChatsForViewer(db, viewer);
  const retention = await getRetentionPolicy(db, viewer.organization.id);
  const tLifecycle = await getTranslations("DataLifecycle");
  return (
    <ClientMessages namespaces={["Chat", "Errors"]}>
      <div className="space-y-6">
        <div className="space-y-2">
          <h1 className="text-3xl font-bold">{t("title")}</h1>
          <p className="text-slate-700">{t("intro", { organization: viewer.organization.name })}</p>
          {retention?.applied && retention.days !== null ? (
            <p className="text-sm text-slate-700" data-testid="chat-retention">
              {tLifecycle("chatPolicy", { days: retention.days })}
            </p>
          ) : null}
        </div>
        <section aria-labelledby="start-chat" className="space-y-2">
          <h2 id="start-chat" className="text-lg font-semibold">
            {t("startTitle")}
          </h2>
          <StartChatForm action={startChatAction} />
        </section>
        <section aria-labelledby="your-chats" className="space-y-2">
          <h2 id="your-chats" className="text-lg font-semibold">
            {t("yourChats")}
          </h2>
          <ChatList chats={chats} />
        </section>
      </div>
    </ClientMessages>
  );
}
