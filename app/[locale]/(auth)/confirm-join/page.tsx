import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Link } from "@/i18n/navigation";
import { SubmitButton } from "@/components/ui/submit-button";
import { lookupJoinConfirmation, type ConfirmJoinError } from "@/lib/domains/join-confirmation";
import { confirmJoinAction } from "./actions";
import { PageHeader } from "@/components/ui/page-header";

type SearchParams = Promise<{ token?: string | string[]; outcome?: string | string[] }>;

const outcomes = ["expired", "used", "unknown", "notJoinable", "emailTaken"] as const satisfies readonly ConfirmJoinError[];

/** The state to show: the outcome of a confirmation just refused, else what the link leads to now. */
async function stateOf(searchParams: SearchParams) {
  const { token, outcome } = await searchParams;
  const refused = outcomes.find((item) => item === outcome);
  if (refused) return { status: refused } as const;
  return { ...(await lookupJoinConfirmation(await getDb(), token)), token: typeof token === "string" ? token : "" };
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const t = await getTranslations("ConfirmJoin");
  const state = await stateOf(searchParams);
  return { title: state.status === "valid" ? t("title") : t(`${state.status}.title`), referrer: "same-origin" };
}

/** Where the emailed sign-up link leads: a button to confirm, or why the link no longer works. */
export default async function ConfirmJoinPage({ searchParams }: { searchParams: SearchParams }) {
  const t = await getTranslations("ConfirmJoin");
  const state = await stateOf(searchParams);
  if (state.status !== "valid") {
    return (
      <div className="space-y-4" data-testid={`confirm-join-${state.status}`}>
        <PageHeader title={t(`${state.status}.title`)} intro={t(`${state.status}.body`)} />
        <div className="flex flex-wrap gap-4">
          <Link href="/sign-in" className="font-semibold text-indigo-700 underline">{t("signIn")}</Link>
          <Link href="/sign-up" className="font-semibold text-indigo-700 underline">{t("signUp")}</Link>
        </div>
      </div>
    );
  }
  const values = { email: state.email, organization: state.organizationName };
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={state.mode === "auto" ? t("bodyAuto", values) : t("bodyApproval", values)} />
      <form action={confirmJoinAction} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <input type="hidden" name="token" value={state.token} />
        <SubmitButton pendingLabel={t("pending")}>{state.mode === "auto" ? t("submitAuto", values) : t("submitApproval", values)}</SubmitButton>
      </form>
    </div>
  );
}
