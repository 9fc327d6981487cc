import { getFormatter, getTranslations } from "next-intl/server";
import type { ChatSummary } from "@/lib/chats/chats";

export async function ChatList({ chats }: { chats: ChatSummary[] }) {
  const t = await getTranslations("Chat");
  const format = await getFormatter();
  if (chats.length === 0) return <p className="rounded-md border border-dashed border-slate-300 p-6 text-slate-600">{t("empty")}</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {chats.map((chat) => (
        <li key={chat.id} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3">
          <span className="font-medium">{chat.title}</span>
          <span className="text-sm text-slate-600">
            {t("messages", { count: chat.messageCount })} · {t("updated", { date: format.dateTime(chat.updatedAt, { dateStyle: "medium" }) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
