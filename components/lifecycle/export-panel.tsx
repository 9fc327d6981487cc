import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { PlainFormAction } from "@/components/forms/form-action";
import { LiveRefresh } from "@/components/organization/live-refresh";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ExportStatus } from "@/lib/lifecycle/exports";

/** "Download everything": the button, the build's progress while it runs, then the download link. */
export async function ExportPanel({ status, action, refreshStep }: { status: ExportStatus | null; action: PlainFormAction; refreshStep: number }) {
  const t = await getTranslations("DataLifecycle");
  const format = await getFormatter();
  const running = status?.state === "queued" || status?.state === "running";
  // A refresh to the very URL with its #export would only scroll there (a fragment navigation):
  // each refresh names a new URL (the next step), so the browser loads the page again.
  const refreshTo = `/${await getLocale()}/admin/organization?export=${refreshStep}#export`;
  return (
    <div className="space-y-4">
      <p>{t("exportIntro")}</p>
      <div role="status" aria-live="polite" className="space-y-2" data-testid="export-status" data-state={status?.state ?? "none"}>
        {running && status ? (
          <>
            <noscript>
              <meta httpEquiv="refresh" content={`2;url=${refreshTo}`} />
            </noscript>
            <LiveRefresh />
            {/* Until the worker has counted the rows, the bar has no value: it says "working", not "0 %". */}
            {status.totalRows === null ? (
              <progress className="h-3 w-full" aria-label={t("exportProgressLabel")} />
            ) : (
              <progress className="h-3 w-full" aria-label={t("exportProgressLabel")} max={Math.max(status.totalRows, status.rows, 1)} value={status.rows} />
            )}
            <p className="text-sm text-slate-700">
              {status.state === "queued"
                ? t("exportQueued")
                : status.totalRows === null
                  ? t("exportProgressCounting", { rows: format.number(status.rows) })
                  : t("exportProgress", { rows: format.number(status.rows), total: format.number(Math.max(status.totalRows, status.rows)) })}
            </p>
          </>
        ) : null}
        {status?.state === "done" && status.ready ? (
          <Notice tone="success">
            {t("exportReady", {
              size: format.number(status.ready.size / 1024 / 1024, { maximumFractionDigits: 1 }) + " MB",
              expires: format.dateTime(status.ready.expiresAt, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }) + " UTC",
            })}
          </Notice>
        ) : null}
        {status?.state === "failed" ? <Notice tone="warning">{t("exportFailed")}</Notice> : null}
      </div>
      {status?.state === "done" && status.ready ? (
        <a href={`/api/exports/${status.id}`} download={status.ready.fileName} className={buttonClass("primary")} data-testid="export-download">
          {t("exportDownload")}
        </a>
      ) : null}
      {running ? null : (
        <form action={action}>
          <SubmitButton variant={status ? "secondary" : "primary"} pendingLabel={t("exportStarting")}>
            {status ? t("exportAgain") : t("exportButton")}
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
