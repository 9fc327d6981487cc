import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/card";

/** What a form shows once it has emailed a link: where to look, and what to do if mail is not set up. */
export function CheckInbox({ title, mail, children }: { title: string; mail: string; children: ReactNode }) {
  const t = useTranslations("EmailLinks");
  return (
    <div role="status" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" data-testid="check-inbox">
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      <p className="text-slate-700">{children}</p>
      {mail === "notConfigured" ? <Notice tone="warning">{t("notConfigured")}</Notice> : null}
      {mail === "failed" ? <Notice tone="warning">{t("failed")}</Notice> : null}
      {mail === "logged" ? <Notice>{t("logged")}</Notice> : null}
      {mail === "throttled" ? <Notice tone="warning">{t("throttled")}</Notice> : null}
      {mail !== "notConfigured" && mail !== "failed" ? <p className="text-sm text-slate-700">{t("spam")}</p> : null}
    </div>
  );
}
