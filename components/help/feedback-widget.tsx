"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/submit-button";
import type { HelpFeedbackState } from "@/lib/help/feedback-state";

/**
 * "Does this page answer your question?" — two submit buttons of one form, so it works as a
 * plain POST with JavaScript off; a browser that already answered sees the thank-you instead.
 */
export function FeedbackWidget({
  article,
  alreadyAnswered,
  action: sendFeedback,
}: {
  article: string;
  alreadyAnswered: boolean;
  action: (previous: HelpFeedbackState, formData: FormData) => Promise<HelpFeedbackState>;
}) {
  const t = useTranslations("HelpFeedback");
  const initial: HelpFeedbackState = alreadyAnswered ? { status: "thanks" } : { status: "idle" };
  const [state, action] = useActionState(sendFeedback, initial);
  return (
    <section aria-labelledby="feedback-title" className="rounded-lg border border-slate-200 bg-white p-5 print:hidden" data-testid="help-feedback">
      <h2 id="feedback-title" className="text-lg font-semibold">{t("question")}</h2>
      <div aria-live="polite" role="status">
        {state.status === "thanks" ? (
          <p className="mt-2 text-emerald-900" data-testid="feedback-thanks">
            <strong>{t("thanks")}</strong>
            {state.helpful ? ` ${state.helpful === "yes" ? t("thanksHelpful") : t("thanksNotHelpful")}` : null}
          </p>
        ) : null}
        {state.status === "error" ? <p className="mt-2 text-red-800">{t("failed")}</p> : null}
        {state.status === "throttled" ? <p className="mt-2 text-red-800">{t("throttled")}</p> : null}
      </div>
      {state.status !== "thanks" ? (
        <form action={action} aria-labelledby="feedback-title" className="mt-3 flex gap-3">
          <input type="hidden" name="article" value={article} />
          <SubmitButton name="helpful" value="yes" variant="secondary" pendingLabel={t("sending")}>{t("yes")}</SubmitButton>
          <SubmitButton name="helpful" value="no" variant="secondary" pendingLabel={t("sending")}>{t("no")}</SubmitButton>
        </form>
      ) : null}
    </section>
  );
}
