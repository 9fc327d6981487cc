import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Link } from "@/i18n/navigation";
import type { AppLocale } from "@/i18n/locales";
import { buttonClass } from "@/components/ui/button";
import { ChatList } from "@/components/chat/chat-list";
import { getChatsForViewer } from "@/lib/chats/chats";
import { requireViewer } from "@/lib/auth/viewer";
import { titleFrom } from "@/i18n/metadata";

export const generateMetadata = titleFrom("Studio.title");

export default async function StudioPage() {
  const locale = (await getLocale()) as AppLocale;
  const viewer = await requireViewer(locale, "/studio");
  const t = await getTranslations("Studio");
  const recent = await getChatsForViewer(await getDb(), viewer, { limit: 5 });
  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-3xl font-bold">{t("welcome", { organization: viewer.organization.name })}</h1>
        <p className="max-w-2xl text-slate-700">{t("intro")}</p>
        <Link href="/admin" className={buttonClass("primary")}>
          {t("openConsole")}
        </Link>
      </div>
      <section aria-labelledby="recent-chats" className="space-y-3">
        <h2 id="recent-chats" className="text-xl font-semibold">{t("recentChats")}</h2>
        <ChatList chats={recent} />
      </section>
    </div>
  );
}
