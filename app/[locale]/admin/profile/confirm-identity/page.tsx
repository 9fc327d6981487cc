import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StepUpForm } from "@/components/two-step/step-up-form";
import { requireSection } from "@/lib/auth/viewer";
import { hasSecondFactor } from "@/lib/two-step/verify";
import { titleFrom } from "@/i18n/metadata";
import { confirmIdentityAction } from "../two-step/actions";

export const generateMetadata = titleFrom("StepUp.title");

export default async function ConfirmIdentityPage({ searchParams }: { searchParams: Promise<{ returnTo?: string | string[] }> }) {
  const viewer = await requireSection("profile");
  const t = await getTranslations("StepUp");
  const { returnTo } = await searchParams;
  const withCode = await hasSecondFactor(await getDb(), viewer.id);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} help={{ article: "two-step-sign-in", section: "step-up" }} />
      <Card>
        <StepUpForm withCode={withCode} returnTo={typeof returnTo === "string" ? returnTo : ""} action={confirmIdentityAction} />
      </Card>
    </div>
  );
}
