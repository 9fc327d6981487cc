"use client";

import { useTranslations } from "next-intl";
import type { PlainFormAction } from "@/components/forms/form-action";
import { Link } from "@/i18n/link";

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
};

const signOutForm = "member-sign-out";
const resetForm = "member-two-step-reset";

/**
 * The members table's markup, rendered on the server like any component (it works before any script
 * runs) but as a client component: the page's flight data carries each row's few facts once instead
 * of every element of every row a second time beside the HTML. Short classes of app/globals.css and
 * app/styles/table-pages.css (the cells', by position) stand for the long utility strings repeated per row.
 *
 * One form per action for the whole table, not one per row: each row's button names its person
 * (`name="userId"`; a browser sends only the button pressed) and its fields are `role:<id>` and
 * `billing:<id>` — with or without JavaScript. The roles form wraps the table; the sign-out and
 * reset buttons inside it belong to their own forms (beside it) by their `form` attribute.
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
      <form id={signOutForm} action={signOutAction} />
      {resetAction ? <form id={resetForm} action={resetAction} /> : null}
      <form action={changeRoleAction}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("tableCaption", { organization: organizationName })}</caption>
          <thead className="tp-head">
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("email")}</th>
              <th scope="col">{t("role")} / {t("billing")}</th>
              <th scope="col">{t("joined")}</th>
              {showTwoStep ? <th scope="col">{tTwoStep("column")}</th> : null}
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody className="mt-body">
            {rows.map((member) => (
              <tr key={member.id} data-testid={`member-${member.email}`}>
                <th scope="row">
                  {member.name}
                  {member.id === viewerId ? <span className="ml-1 text-slate-600">({t("you")})</span> : null}
                </th>
                <td>{member.email}</td>
                <td>
                  <div className="mt-roles">
                    {member.lastAdmin ? (
                      <>
                        <input type="hidden" name={`role:${member.id}`} value="admin" />
                        <span className="font-medium">{tRoles("admin")}</span>
                      </>
                    ) : (
                      <select name={`role:${member.id}`} defaultValue={member.role} aria-label={t("roleFor", { name: member.name })} className="mt-select">
                        <option value="member">{tRoles("member")}</option>
                        <option value="admin">{tRoles("admin")}</option>
                      </select>
                    )}
                    <label>
                      <input type="checkbox" name={`billing:${member.id}`} defaultChecked={member.billing} aria-label={t("billingFor", { name: member.name })} />
                      <span aria-hidden="true">{tRoles("billing")}</span>
                    </label>
                    <button type="submit" name="userId" value={member.id} className="mt-save" aria-label={t("saveRoleFor", { name: member.name })}>
                      {t("saveRole")}
                    </button>
                  </div>
                  {member.lastAdmin ? <p className="mt-2 max-w-xs text-xs text-slate-700" data-testid="last-admin-note">{t("lastAdminNote")}</p> : null}
                </td>
                <td>{member.joined}</td>
                {member.twoStep !== undefined ? (
                  <td data-testid="member-two-step">
                    {member.twoStep ? tTwoStep("on") : tTwoStep("off")}
                  </td>
                ) : null}
                <td>
                  <button type="submit" form={signOutForm} name="userId" value={member.id} className="mt-link" aria-label={t("signOutEverywhereFor", { name: member.name })}>
                    {t("signOutEverywhere")}
                  </button>
                  {resetAction && member.twoStep ? (
                    <button type="submit" form={resetForm} name="userId" value={member.id} className="mt-link" aria-label={tTwoStep("resetFor", { name: member.name })}>
                      {tTwoStep("reset")}
                    </button>
                  ) : null}
                  {member.lastAdmin ? null : (
                    <Link href={{ pathname: "/admin/members", query: { remove: member.id } }} className="mt-link mt-danger" aria-label={t("removeFor", { name: member.name })}>
                      {t("remove")}
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </form>
    </div>
  );
}
