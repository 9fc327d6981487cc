import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Link } from "@/i18n/navigation";
import { Notice } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";
import { pendingSecondStep } from "@/lib/auth/two-step-sign-in";
import { pendingSignInToken } from "../../pending-sign-in-cookie";
import { SecondStepForms } from "./second-step-forms";
import { PasskeyCheck } from "@/components/two-step/passkey-check";
import { passkeySignInAction, passkeySignInOptionsAction } from "../../actions";
import { factorsOf } from "@/lib/two-step/verify";
import { ClientMessages } from "@/components/i18n/client-messages";

export const generateMetadata = titleFrom("SecondStep.title");

export default async function SecondStepPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const t = await getTranslations("SecondStep");
  const { callbackUrl } = await searchParams;
  const db = await getDb();
  const pending = await pendingSecondStep(db, await pendingSignInToken());
  if (!pending) {
    return (
      <div className="space-y-6">
        <PageHeader title={t("title")} />
        <div role="status">
          <Notice tone="warning">{t("expired")}</Notice>
        </div>
        <Link href="/sign-in" className="inline-block font-semibold text-indigo-700 underline">
          {t("startOver")}
        </Link>
      </div>
    );
  }
  const hasPasskeys = (await factorsOf(db, pending.userId)).passkeys > 0;
  return (
    <ClientMessages namespaces={["Errors", "SecondStep"]}>
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro", { email: pending.email })} />
        {hasPasskeys ? (
          <PasskeyCheck
            target={typeof callbackUrl === "string" ? callbackUrl : ""}
            optionsAction={passkeySignInOptionsAction}
            verifyAction={passkeySignInAction}
            labels={{ title: t("passkeyTitle"), button: t("usePasskey"), pending: t("passkeyPending"), needsJs: t("passkeysNeedJs") }}
          />
        ) : null}
        <SecondStepForms callbackUrl={typeof callbackUrl === "string" ? callbackUrl : ""} />
        <p className="text-sm text-slate-700">{t("noAccess")}</p>
        <Link href="/sign-in" className="inline-block font-semibold text-indigo-700 underline">
          {t("startOver")}
        </Link>
      </div>
    </ClientMessages>
  );
}
