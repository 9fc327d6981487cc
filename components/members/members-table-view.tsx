"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { PlainFormAction } from "@/components/forms/form-action";

export type MemberRow = {
  id: string;
  name: string;
  email: string;
  role: "admin" | "member";
  billing: boolean;
  lastAdmin: boolean;
  /** Already formatted on the server, in the viewer's locale and time zone. */
  joined: string;
  /** Whether two-step sign-in is on; absent when the viewer may not see it. */
  twoStep?: boolean;
  /** The link to this person's removal (rendered on the server), absent for the last Admin. */
  removeLink?: ReactNode;
};

const rolesForm = "member-roles";
const signOutForm = "member-sign-out";
const resetForm = "member-two-step-reset";

/**
 * The members table's markup, rendered on the server like any component (it works before any script
 * runs) but as a client component: the page's flight data carries each row's few facts once instead
 * of every element of every row a second time beside the HTML. Short classes of app/globals.css
 * stand for the long utility strings repeated per row.
 *
 * One form per action for the whole table, not one per row: each row's button names its person
 * (`name="userId"`; a browser sends only the button pressed) and its fields are `role:<id>` and
 * `billing:<id>`, tied to the form by the `form` attribute — with or without JavaScript.
 */
export function MembersTableView({
  rows,
  viewerId,
  organizationName,
  changeRoleAction,
  signOutAction,
  resetAction,
}: {
  rows: MemberRow[];
  viewerId: string;
  organizationName: string;
  changeRoleAction: PlainFormAction;
  signOutAction: PlainFormAction;
  resetAction?: PlainFormAction;
}) {
  const t = useTranslations("MembersPage");
  const tRoles = useTranslations("Roles");
  const tTwoStep = useTranslations("MembersTwoStep");
  const showTwoStep = rows.some((row) => row.twoStep !== undefined);
  return (
    <div className="overflow-x-auto">
      <form id={rolesForm} action={changeRoleAction} />
      <form id={signOutForm} action={signOutAction} />
      {resetAction ? <form id={resetForm} action={resetAction} /> : null}
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("tableCaption", { organization: organizationName })}</caption>
        <thead className="border-b border-slate-300">
          <tr>
            <th scope="col" className="py-2 pr-3">{t("name")}</th>
            <th scope="col" className="py-2 pr-3">{t("email")}</th>
            <th scope="col" className="py-2 pr-3">{t("role")} / {t("billing")}</th>
            <th scope="col" className="py-2 pr-3">{t("joined")}</th>
            {showTwoStep ? <th scope="col" className="py-2 pr-3">{tTwoStep("column")}</th> : null}
            <th scope="col" className="py-2">{t("actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((member) => (
            <tr key={member.id} className="mt-row" data-testid={`member-${member.email}`}>
              <th scope="row" className="mt-cell font-medium">
                {member.name}
                {member.id === viewerId ? <span className="ml-1 text-slate-600">({t("you")})</span> : null}
              </th>
              <td className="mt-cell break-all">{member.email}</td>
              <td className="mt-cell">
                <div className="mt-roles">
                  {member.lastAdmin ? (
                    <>
                      <input type="hidden" form={rolesForm} name={`role:${member.id}`} value="admin" />
                      <span className="font-medium">{tRoles("admin")}</span>
                    </>
                  ) : (
                    <select form={rolesForm} name={`role:${member.id}`} defaultValue={member.role} aria-label={t("roleFor", { name: member.name })} className="mt-select">
                      <option value="member">{tRoles("member")}</option>
                      <option value="admin">{tRoles("admin")}</option>
                    </select>
                  )}
                  <label className="flex items-center gap-1">
                    <input type="checkbox" form={rolesForm} name={`billing:${member.id}`} defaultChecked={member.billing} className="size-4" aria-label={t("billingFor", { name: member.name })} />
                    <span aria-hidden="true">{tRoles("billing")}</span>
                  </label>
                  <button type="submit" form={rolesForm} name="userId" value={member.id} className="mt-save" aria-label={t("saveRoleFor", { name: member.name })}>
                    {t("saveRole")}
                  </button>
                </div>
                {member.lastAdmin ? <p className="mt-2 max-w-xs text-xs text-slate-700" data-testid="last-admin-note">{t("lastAdminNote")}</p> : null}
              </td>
              <td className="mt-cell whitespace-nowrap">{member.joined}</td>
              {member.twoStep !== undefined ? (
                <td className="mt-cell" data-testid="member-two-step">
                  {member.twoStep ? tTwoStep("on") : tTwoStep("off")}
                </td>
              ) : null}
              <td className="space-y-2 py-3">
                <button type="submit" form={signOutForm} name="userId" value={member.id} className="mt-link" aria-label={t("signOutEverywhereFor", { name: member.name })}>
                  {t("signOutEverywhere")}
                </button>
                {resetAction && member.twoStep ? (
                  <button type="submit" form={resetForm} name="userId" value={member.id} className="mt-link" aria-label={tTwoStep("resetFor", { name: member.name })}>
                    {tTwoStep("reset")}
                  </button>
                ) : null}
                {member.removeLink}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
