import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Card } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/viewer";
import { countMembers } from "@/lib/members/members";
import { PageHeader } from "@/components/ui/page-header";
import { titleFrom } from "@/i18n/metadata";

export const generateMetadata = titleFrom("Overview.title");

export default async function OverviewPage() {
  const viewer = await requireSection("overview");
  const t = await getTranslations("Overview");
  const tRoles = await getTranslations("Roles");
  const tPlans = await getTranslations("Plans");
  const members = await countMembers(await getDb(), viewer.organization.id);
  const roles = [tRoles(viewer.role), ...(viewer.billing ? [tRoles("billing")] : [])];
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro", { organization: viewer.organization.name })} help={{ article: "basic-setup" }} />
      <Card>
        <dl className="grid gap-4 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-slate-600">{t("name")}</dt>
            <dd className="text-lg font-semibold">{viewer.organization.name}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("plan")}</dt>
            <dd className="text-lg font-semibold">{tPlans(viewer.organization.plan)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("members")}</dt>
            <dd className="text-lg font-semibold">{members}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{roles.length > 1 ? t("yourRoles") : t("yourRole")}</dt>
            <dd className="text-lg font-semibold">{roles.join(" · ")}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-sm text-slate-600">{t("organizationId")}</dt>
            <dd className="break-all font-mono text-base" data-testid="organization-id">{viewer.organization.id}</dd>
            <dd className="mt-1 text-sm text-slate-600">{t("organizationIdHint")}</dd>
          </div>
        </dl>
      </Card>
      <Card title={t("yourAccess")} id="access">
        <ul className="list-disc space-y-1 pl-5 text-slate-700">
          {viewer.role === "admin" ? <li>{t("adminNote")}</li> : <li>{t("memberNote")}</li>}
          {viewer.billing ? <li>{t("billingNote")}</li> : null}
        </ul>
      </Card>
    </div>
  );
}
