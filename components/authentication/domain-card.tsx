import { getFormatter, getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/card";
import type { OrganizationDomain } from "@/db/schema";
import { verificationRecordName, verificationRecordValue } from "@/lib/domains/dns";
import type { FormState } from "@/lib/core/form-state";
import { DomainActionForm } from "./domain-action-form";
import { JoinModeForm } from "./join-mode-form";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

const statusTone = {
  pending: "bg-slate-100 text-slate-800",
  verified: "bg-emerald-100 text-emerald-900",
  failing: "bg-amber-100 text-amber-950",
} as const;

/** One domain: its status, the TXT record to publish, and what an Admin can do with it. */
export async function DomainCard({
  domain,
  canChooseJoinMode,
  actions,
}: {
  domain: OrganizationDomain;
  canChooseJoinMode: boolean;
  actions: { verify: Action; remove: Action; joinMode: Action };
}) {
  const t = await getTranslations("AuthenticationPage");
  const format = await getFormatter();
  const recordName = verificationRecordName(domain.domain);
  const expected = verificationRecordValue(domain.verificationToken);
  const claimed = domain.status !== "pending";
  const headingId = `domain-${domain.id}`;
  return (
    <li className="space-y-4 rounded-md border border-slate-200 p-4" aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center gap-3">
        <h3 id={headingId} className="font-mono text-base font-semibold">{domain.domain}</h3>
        <span className={`rounded px-2 py-0.5 text-sm font-medium ${statusTone[domain.status]}`}>
          <span className="sr-only">{t("statusLabel")}: </span>
          {t(`status.${domain.status}`)}
        </span>
        {domain.lastCheckedAt ? (
          <span className="text-sm text-slate-600">{t("lastChecked", { date: format.dateTime(domain.lastCheckedAt, { dateStyle: "medium", timeStyle: "short" }) })}</span>
        ) : null}
      </div>
      {domain.status === "failing" ? <Notice tone="warning">{t("failingWarning", { domain: domain.domain })}</Notice> : null}
      {domain.status !== "verified" ? (
        <div className="space-y-2 text-sm">
          <p>{t("recordIntro")}</p>
          <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt className="font-semibold">{t("recordType")}</dt>
            <dd><code>TXT</code></dd>
            <dt className="font-semibold">{t("recordName")}</dt>
            <dd><code className="break-all" data-testid="record-name">{recordName}</code></dd>
            <dt className="font-semibold">{t("recordValue")}</dt>
            <dd><code className="break-all" data-testid="record-value">{expected}</code></dd>
          </dl>
        </div>
      ) : null}
      <div className="flex flex-wrap items-start gap-4">
        <DomainActionForm
          action={actions.verify}
          fields={{ domainId: domain.id }}
          label={<>{t("verify")}<span className="sr-only"> {domain.domain}</span></>}
          pendingLabel={t("verifying")}
          variant={claimed ? "secondary" : "primary"}
          messageValues={{ name: recordName, expected, domain: domain.domain }}
        />
        <DomainActionForm
          action={actions.remove}
          fields={{ domainId: domain.id }}
          label={<>{t("remove")}<span className="sr-only"> {domain.domain}</span></>}
          pendingLabel={t("removing")}
          variant="danger"
        />
      </div>
      {!claimed ? (
        <p className="text-sm text-slate-700">{t("joinModeNeedsVerification")}</p>
      ) : canChooseJoinMode ? (
        <JoinModeForm action={actions.joinMode} domainId={domain.id} domain={domain.domain} joinMode={domain.joinMode} />
      ) : (
        <Notice>{t("joinModePlan")}</Notice>
      )}
    </li>
  );
}
