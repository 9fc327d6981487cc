import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StepUpForm } from "@/components/two-step/step-up-form";
import { requireSection } from "@/lib/auth/viewer";
import { factorsOf } from "@/lib/two-step/verify";
import { PasskeyCheck } from "@/components/two-step/passkey-check";
import { titleFrom } from "@/i18n/metadata";
import { confirmIdentityAction, stepUpPasskeyAction, stepUpPasskeyOptionsAction } from "../two-step/actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("StepUp.title");

export default async function ConfirmIdentityPage({ searchParams }: { searchParams: Promise<{ returnTo?: string | string[] }> }) {
  const viewer = await requireSection("profile");
  const t = await getTranslations("StepUp");
  const tSecond = await getTranslations("SecondStep");
  const { returnTo } = await searchParams;
  const factors = await factorsOf(await getDb(), viewer.id);
  const withCode = factors.totp || factors.passkeys > 0;
  const target = typeof returnTo === "string" ? returnTo : "";
  return (
    <ClientMessages
      namespaces={[
        "StepUp.code",
        "StepUp.recoveryCode",
        "StepUp.password",
        "StepUp.pending",
        "StepUp.submit",
        "Errors",
      ]}
    >
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro")} help={{ article: "two-step-sign-in", section: "step-up" }} />
        {factors.passkeys > 0 ? (
          <PasskeyCheck
            target={target}
            optionsAction={stepUpPasskeyOptionsAction}
            verifyAction={stepUpPasskeyAction}
            labels={{ title: tSecond("passkeyTitle"), button: tSecond("passkeyTitle"), pending: tSecond("passkeyPending"), needsJs: tSecond("passkeysNeedJs") }}
          />
        ) : null}
        <Card>
          <StepUpForm withCode={withCode} returnTo={target} action={confirmIdentityAction} />
        </Card>
      </div>
    </ClientMessages>
  );
}
