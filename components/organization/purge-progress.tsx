import { getLocale, getTranslations } from "next-intl/server";
import type { Job } from "@/db/schema";
import { Notice } from "@/components/ui/card";
import { LiveRefresh } from "./live-refresh";

/**
 * Where a chat purge stands. While it runs the page refreshes itself: a meta refresh without
 * JavaScript (inside <noscript>), a router refresh with it; a polite live region reads the news.
 */
export async function PurgeProgress({ job, refreshStep }: { job: Job; refreshStep: number }) {
  const t = await getTranslations("OrganizationPage");
  // A refresh to the very URL with its #purge would only scroll there (a fragment navigation, no
  // reload): each refresh names a new URL (the next step), so the browser loads the page again.
  const refreshTo = `/${await getLocale()}/admin/organization?purge=${refreshStep}#purge`;
  // Totals are counted when the job is asked for; chats written since then can push past them.
  const progress = {
    ...job.progress,
    totalChats: Math.max(job.progress.totalChats, job.progress.chats),
    totalMessages: Math.max(job.progress.totalMessages, job.progress.messages),
  };
  const running = job.state === "queued" || job.state === "running";
  return (
    <div role="status" aria-live="polite" className="space-y-2" data-testid="purge-progress" data-state={job.state}>
      {running ? (
        <>
          <noscript>
            <meta httpEquiv="refresh" content={`2;url=${refreshTo}`} />
          </noscript>
          <LiveRefresh />
          <p className="font-semibold">{t("progressTitle")}</p>
          <progress
            className="h-3 w-full accent-red-700"
            aria-label={t("progressLabel")}
            max={Math.max(progress.totalMessages + progress.totalChats, 1)}
            value={progress.messages + progress.chats}
          />
          <p className="text-sm text-slate-700">
            {job.state === "queued" ? t("progressQueued") : t("progressCounts", { chats: progress.chats, messages: progress.messages, totalChats: progress.totalChats, totalMessages: progress.totalMessages })}
          </p>
          <p className="text-sm text-slate-700">{t("purgeRunning")}</p>
        </>
      ) : job.state === "done" ? (
        <Notice tone="success">{t("purgeDone", { chats: progress.chats, messages: progress.messages })}</Notice>
      ) : (
        <Notice tone="warning">{t("purgeFailed")}</Notice>
      )}
    </div>
  );
}
