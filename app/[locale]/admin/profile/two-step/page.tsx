import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Card, Notice } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { TwoStepPanel } from "@/components/two-step/two-step-panel";
import { requireSection } from "@/lib/auth/viewer";
import { twoStepStatus } from "@/lib/two-step/factors";
import { titleFrom } from "@/i18n/metadata";
import {
  confirmTotpSetupAction,
  finishPasskeyAction,
  passkeyOptionsAction,
  regenerateRecoveryCodesAction,
  removePasskeyAction,
  removeTotpAction,
  startTotpSetupAction,
} from "./actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("TwoStep.title");

export default async function TwoStepPage() {
  const viewer = await requireSection("profile");
  const t = await getTranslations("TwoStep");
  const format = await getFormatter();
  const result = await twoStepStatus(await getDb(), viewer);
  if (!result.ok) return null;
  const { status } = result;
  return (
    <ClientMessages namespaces={["TwoStep", "Errors"]}>
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro")} help={{ article: "two-step-sign-in" }} />
        {viewer.twoStepSetup && !status.totp && status.passkeys === 0 ? (
          <div role="status" data-testid="two-step-required">
            <Notice tone="warning">
              {viewer.twoStepSetup.setupOnly
                ? t("bannerNow", { organization: viewer.organization.name })
                : t("bannerGrace", { organization: viewer.organization.name, deadline: format.dateTime(viewer.twoStepSetup.deadline, { dateStyle: "long", timeZone: "UTC" }) })}
            </Notice>
          </div>
        ) : null}
        <Card>
          <TwoStepPanel
            totp={status.totp}
            recoveryCodesLeft={status.recoveryCodesLeft}
            pending={status.pending ? { groupedSecret: status.pending.groupedSecret, qrSvg: status.pending.qrSvg } : null}
            passkeys={status.passkeyList.map((key) => ({ id: key.id, name: key.name, createdAt: key.createdAt.toISOString() }))}
            actions={{
              start: startTotpSetupAction,
              confirm: confirmTotpSetupAction,
              regenerate: regenerateRecoveryCodesAction,
              remove: removeTotpAction,
              removePasskey: removePasskeyAction,
              passkeyOptions: passkeyOptionsAction,
              finishPasskey: finishPasskeyAction,
            }}
          />
        </Card>
      </div>
    </ClientMessages>
  );
}
