import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import type { OpenSession } from "@/lib/sessions/sessions";

type Props = {
  sessions: OpenSession[];
  endSessionAction: (formData: FormData) => Promise<void>;
  endOtherSessionsAction: () => Promise<void>;
  outcome?: "ended" | "othersEnded" | "notFound";
};

/** "Your sessions": each browser signed in to this account, this one first and marked, each with its own sign-out. */
export async function SessionsList({ sessions, endSessionAction, endOtherSessionsAction, outcome }: Props) {
  const t = await getTranslations("Sessions");
  const format = await getFormatter();
  const others = sessions.filter((session) => !session.current).length;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {outcome === "notFound" ? (
        <div role="alert">
          <Notice tone="warning">{t("notFound")}</Notice>
        </div>
      ) : outcome ? (
        <div role="status">
          <Notice tone="success">{t(outcome)}</Notice>
        </div>
      ) : null}
      <ul className="divide-y divide-slate-200 border-y border-slate-200" aria-label={t("listLabel")}>
        {sessions.map((session) => {
          const device = session.device ?? t("unknownDevice");
          return (
            <li key={session.id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="session" data-current={session.current ? "true" : "false"}>
              <div className="space-y-1 text-sm">
                <p className="font-medium text-slate-900">
                  {device}
                  {session.current ? <span className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">{t("thisBrowser")}</span> : null}
                </p>
                <p className="text-slate-700">{t("address", { address: session.clientAddress ?? t("unknownAddress") })}</p>
                <p className="text-slate-700">
                  {t("lastSeen", { time: format.dateTime(session.lastSeenAt, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) })}
                  {" · "}
                  {t("signedIn", { time: format.dateTime(session.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) })}
                </p>
              </div>
              {session.current ? null : (
                <form action={endSessionAction}>
                  <input type="hidden" name="sessionId" value={session.id} />
                  <button type="submit" className={buttonClass("secondary")} aria-label={t("endFor", { device })}>
                    {t("end")}
                  </button>
                </form>
              )}
            </li>
          );
        })}
      </ul>
      {others > 0 ? (
        <form action={endOtherSessionsAction}>
          <button type="submit" className={buttonClass("secondary")}>
            {t("endOthers", { count: others })}
          </button>
        </form>
      ) : (
        <p className="text-sm text-slate-700">{t("onlyThisOne")}</p>
      )}
    </div>
  );
}
