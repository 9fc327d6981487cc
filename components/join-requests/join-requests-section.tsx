import { getFormatter, getTranslations } from "next-intl/server";
import { Card, Notice } from "@/components/ui/card";
import type { JoinRequest } from "@/db/schema";
import { Link } from "@/i18n/navigation";
import type { FormState } from "@/lib/core/form-state";
import { JoinRequestList } from "./join-request-list";

/**
 * Whether the "Join requests" card shows: with requests waiting, always (on a plan without joining by
 * email domain, to refuse what is left); empty, only to whoever may approve and where requests can
 * arrive (a claimed domain asks approval, `joinsByApproval`).
 */
export function showsJoinRequests(requests: readonly JoinRequest[], canApprove: boolean, asksApproval: boolean): boolean {
  return requests.length > 0 || (canApprove && asksApproval);
}

/** The "Join requests" card of the Members page (and of the Authentication page, with the same action). */
export async function JoinRequestsSection({
  requests,
  canApprove,
  asksApproval,
  viewerHoldsBilling,
  action,
}: {
  requests: JoinRequest[];
  canApprove: boolean;
  asksApproval: boolean;
  viewerHoldsBilling: boolean;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
}) {
  if (!showsJoinRequests(requests, canApprove, asksApproval)) return null;
  const t = await getTranslations("JoinRequests");
  const format = await getFormatter();
  const rows = requests.map((request) => ({
    id: request.id,
    name: request.name,
    email: request.email,
    domain: request.email.slice(request.email.lastIndexOf("@") + 1),
    requestedOn: format.dateTime(request.createdAt, { dateStyle: "long" }),
  }));
  return (
    <Card
      id="join-requests"
      title={
        <>
          {t("title")}
          {requests.length > 0 ? (
            <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 align-middle text-sm font-semibold text-amber-950" data-testid="join-request-count">
              {t("badge", { count: requests.length })}
            </span>
          ) : null}
        </>
      }
    >
      <p className="mb-4 text-sm text-slate-700">{t("intro")}</p>
      {!canApprove && requests.length > 0 ? (
        <div className="mb-4">
          <Notice tone="warning">
            {t("rejectOnly")}{" "}
            {viewerHoldsBilling ? (
              <Link href="/admin/billing" className="underline">{t("seePlans")}</Link>
            ) : (
              t("askBilling")
            )}
          </Notice>
        </div>
      ) : null}
      <JoinRequestList requests={rows} canApprove={canApprove} action={action} />
    </Card>
  );
}

/** One line at the top of a page when people wait, linking to the Members page's section. */
export async function JoinRequestsWaiting({ count }: { count: number }) {
  if (count === 0) return null;
  const t = await getTranslations("JoinRequests");
  return (
    <div role="status" data-testid="join-requests-waiting">
      <Notice tone="info">
        {t("waiting", { count })}{" "}
        <Link href="/admin/members#join-requests" className="underline">{t("review")}</Link>
      </Notice>
    </div>
  );
}
