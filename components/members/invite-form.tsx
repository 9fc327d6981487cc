"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/forms/form-action";
import { formMessages } from "@/components/forms/form-messages";
import { Notice } from "@/components/ui/card";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextInput, describedBy, inputClass } from "@/components/ui/field";
import { CopyButton } from "@/components/ui/copy-button";
import { SubmitButton } from "@/components/ui/submit-button";
import { idle } from "@/lib/core/form-state";

/** The invite card's content: what an invitation is, then the form (its words from the page's messages, not sent as elements). */
export function InviteForm({ action }: { action: FormAction }) {
  const t = useTranslations("MembersPage");
  const tRoles = useTranslations("Roles");
  const [state, formAction] = useActionState(action, idle);
  const errors = formMessages(state);
  // The action words its success (the notice, the link's field and copy button, the line about the email).
  const created = state.status === "success" ? state.data : undefined;
  return (
    <>
      <p className="mb-4 text-sm text-slate-700">{t("inviteIntro")}</p>
      <div className="space-y-5">
        {created ? (
          <div role="status" className="space-y-3" data-testid="invitation-created">
            <Notice tone="success">{errors.notice}</Notice>
            <Field id="invitationLink" label={String(created.linkLabel)} hint={String(created.linkHint)}>
              <TextInput id="invitationLink" readOnly hint value={String(created.link)} />
            </Field>
            <CopyButton value={String(created.link)} label={String(created.copy)} copiedLabel={String(created.copied)} failedLabel={String(created.copyFailed)} />
            <p className="text-sm text-slate-700">{String(created.mailLine)}</p>
          </div>
        ) : null}
        <form action={formAction} noValidate className="space-y-5">
          <ErrorSummary title={errors.title} items={errors.summary} />
          <Field id="email" label={t("inviteEmail")} hint={t("inviteEmailHint")} errors={errors.fieldErrors("email")}>
            <TextInput id="email" name="email" type="email" autoComplete="off" required hint defaultValue={state.status === "error" ? state.values?.email : ""} errors={errors.fieldErrors("email")} />
          </Field>
          <Field id="role" label={t("inviteRole")} hint={t("inviteRoleHint")} errors={errors.fieldErrors("role")}>
            <select name="role" defaultValue={state.values?.role ?? "member"} className={inputClass} {...describedBy("role", true, errors.fieldErrors("role"))}>
              <option value="member">{tRoles("member")}</option>
              <option value="admin">{tRoles("admin")}</option>
            </select>
          </Field>
          <div className="flex items-center gap-2">
            <input id="billing" name="billing" type="checkbox" className="size-4" defaultChecked={state.status === "error" && state.values?.billing === "on"} />
            <label htmlFor="billing" className="text-sm">{t("inviteBilling")}</label>
          </div>
          <SubmitButton pendingLabel={t("inviting")}>{t("invite")}</SubmitButton>
        </form>
      </div>
    </>
  );
}
