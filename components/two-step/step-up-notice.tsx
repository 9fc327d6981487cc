import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Link } from "@/i18n/navigation";
import { Notice } from "@/components/ui/card";
import type { Viewer } from "@/lib/core/actor";
import { stepUpDue } from "@/lib/two-step/step-up";

/**
 * Above sensitive actions: says beforehand that the last check is old, with the way to confirm.
 * `notice`: the page's own sentence naming its sensitive actions (the Organization page's by default).
 */
export async function StepUpNotice({ viewer, returnTo, notice }: { viewer: Viewer; returnTo: string; notice?: string }) {
  if (!(await stepUpDue(await getDb(), viewer))) return null;
  const t = await getTranslations("StepUp");
  return (
    <div data-testid="step-up-notice">
      <Notice tone="info">
        {notice ?? t("notice")}{" "}
        <Link href={{ pathname: "/admin/profile/confirm-identity", query: { returnTo } }} className="link-strong">
          {t("title")}
        </Link>
      </Notice>
    </div>
  );
}
