import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { describeRestoreLink } from "@/lib/lifecycle/deletion-grace";
import { restoreOrganizationAction } from "./actions";
import { RestoreForm } from "./restore-form";
import { ClientMessages } from "@/components/i18n/client-messages";

type SearchParams = Promise<{ token?: string | string[]; restored?: string | string[] }>;

const refusals = { validation: "restoreUnknown", unknown: "restoreUnknown", used: "restoreUsed", expired: "restoreExpired", notScheduled: "restoreNotScheduled" } as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("DataLifecycle");
  return { title: t("restoreTitle"), referrer: "same-origin" };
}

/** Where the emailed restore link leads: what restoring does, and one button; or why the link no longer works. */
export default async function RestoreOrganizationPage({ searchParams }: { searchParams: SearchParams }) {
  const t = await getTranslations("DataLifecycle");
  const format = await getFormatter();
  const { token, restored } = await searchParams;
  if (restored === "1") {
    return (
      <div role="status" className="space-y-4" data-testid="restore-done">
        <PageHeader title={t("restoreTitle")} intro={t("restoredDone")} />
        <Link href="/sign-in" className="inline-block font-semibold text-indigo-700 underline">
          {t("signIn")}
        </Link>
      </div>
    );
  }
  const text = typeof token === "string" ? token : "";
  const link = await describeRestoreLink(await getDb(), text);
  if (!link.ok) {
    return (
      <div className="space-y-4" data-testid={`restore-${link.error}`}>
        <PageHeader title={t("restoreTitle")} intro={t(refusals[link.error])} />
      </div>
    );
  }
  const date = `${format.dateTime(link.until, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" })} UTC`;
  return (
    <ClientMessages namespaces={["DataLifecycle"]}>
      <div className="space-y-6">
        <PageHeader title={t("restoreTitle")} intro={t("restoreIntro", { organization: link.organizationName, date })} />
        <RestoreForm action={restoreOrganizationAction} token={text} organization={link.organizationName} />
      </div>
    </ClientMessages>
  );
}
