"use client";

import { useTranslations } from "next-intl";
import type { PlainFormAction } from "@/components/forms/form-action";
import { Field, TextInput } from "@/components/ui/field";
import { Link } from "@/i18n/link";
import { memberFlags, type MemberRow } from "./member-row";

const signOutForm = "mso";
const resetForm = "mtr";
/** The IDs of the names' first halves; a row's control is named by one of them and the row header (`m<row>`). */
const names = { role: "mnr", billing: "mnb", save: "mns", signOut: "mno", reset: "mnt", remove: "mnx" };

/**
 * The members table's markup, rendered on the server like any component (it works before any script
 * runs) but as a client component: the page's flight data carries each row's few facts once instead
 * of every element of every row a second time beside the HTML. The rows' elements carry no classes:
 * app/globals.css styles them by position (`.mt-body`), the same utilities as before.
 *
 * One form per action for the whole table, not one per row. The roles form wraps the table: each
 * row's Save button is `name="userId:<row>"` with the person's ID as value (a browser sends only the
 * button pressed) and the row's fields are `role:<row>` and `billing:<row>` (see `rowFields`), with or
 * without JavaScript. The sign-out and reset buttons belong to their own forms (beside it) by their
 * `form` attribute. A button in a form submits by default: no `type`.
 *
 * The filter above the table (a GET form) and the count are drawn here too, from messages, rather
 * than by the page as elements its flight data would carry beside the HTML.
 *
 * Each row control's accessible name says whose it is ("Role of Ana Lima", "Remove Ana Lima") by
 * `aria-labelledby`: a hidden first half written once for the table, then the row header.
 */
export function MembersTableView({
  rows,
  query,
  organizationName,
  changeRoleAction,
  signOutAction,
  resetAction,
}: {
  rows: MemberRow[];
  /** The filter typed (empty: everyone). */
  query: string;
  organizationName: string;
  changeRoleAction: PlainFormAction;
  signOutAction: PlainFormAction;
  /** Absent when no row shows the reset (nobody has two-step sign-in, or the viewer may not reset it). */
  resetAction?: PlainFormAction;
}) {
  const t = useTranslations("MembersPage");
  const tRoles = useTranslations("Roles");
  const tTwoStep = useTranslations("MembersTwoStep");
  return (
    <>
      <form method="get" className="members-filter" role="search">
        <Field id="q" label={t("filterLabel")} hint={t("filterHint")}>
          <TextInput id="q" name="q" type="search" hint defaultValue={query} />
        </Field>
        <button type="submit" className="tp-button">{t("filter")}</button>
        {query ? <Link href="/admin/members">{t("clearFilter")}</Link> : null}
      </form>
      <p className="mb-2 text-sm text-slate-700" aria-live="polite">{t("count", { count: rows.length })}</p>
      {rows.length === 0 ? (
        <p className="text-sm">{t("noMatch", { query })}</p>
      ) : (
        <div className="overflow-x-auto">
          {/* The first half of each row control's name ("Role of", then the row header's name): written once, not once per row. */}
          <p hidden>
            <span id={names.role}>{t("roleFor")}</span>
            <span id={names.billing}>{t("billingFor")}</span>
            <span id={names.save}>{t("saveRoleFor")}</span>
            <span id={names.signOut}>{t("signOutEverywhereFor")}</span>
            {resetAction ? <span id={names.reset}>{tTwoStep("resetFor")}</span> : null}
            {rows.some(([, , , , flags]) => (flags & memberFlags.lastAdmin) === 0) ? <span id={names.remove}>{t("removeFor")}</span> : null}
          </p>
          <form id={signOutForm} action={signOutAction} />
          {resetAction ? <form id={resetForm} action={resetAction} /> : null}
          <form action={changeRoleAction}>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("tableCaption", { organization: organizationName })}</caption>
              <thead className="tp-head">
                <tr>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("email")}</th>
                  <th scope="col">{`${t("role")} / ${tRoles("billing")}`}</th>
                  <th scope="col">{t("joined")}</th>
                  <th scope="col">{tTwoStep("column")}</th>
                  <th scope="col">{t("actions")}</th>
                </tr>
              </thead>
              <tbody className="mt-body">
                {rows.map(([id, name, email, joined, flags], row) => {
                  const lastAdmin = (flags & memberFlags.lastAdmin) !== 0;
                  const twoStep = (flags & memberFlags.twoStep) !== 0;
                  const header = `m${row}`;
                  const named = (prefix: string) => `${prefix} ${header}`;
                  return (
                    <tr key={id}>
                      <th scope="row" id={header}>
                        {name}
                        {flags & memberFlags.you ? <span>{` (${t("you")})`}</span> : null}
                      </th>
                      <td>{email}</td>
                      <td>
                        <div>
                          {lastAdmin ? (
                            <>
                              <input type="hidden" name={`role:${row}`} value="admin" />
                              <span>{tRoles("admin")}</span>
                            </>
                          ) : (
                            <select name={`role:${row}`} defaultValue={flags & memberFlags.admin ? "admin" : "member"} aria-labelledby={named(names.role)}>
                              <option value="member">{tRoles("member")}</option>
                              <option value="admin">{tRoles("admin")}</option>
                            </select>
                          )}
                          <label>
                            <input type="checkbox" name={`billing:${row}`} defaultChecked={(flags & memberFlags.billing) !== 0} aria-labelledby={named(names.billing)} />
                            <span aria-hidden="true">{tRoles("billing")}</span>
                          </label>
                          <button name={`userId:${row}`} value={id} aria-labelledby={named(names.save)}>
                            {t("saveRole")}
                          </button>
                        </div>
                        {lastAdmin ? <p data-testid="last-admin-note">{t("lastAdminNote")}</p> : null}
                      </td>
                      <td>{joined}</td>
                      <td>{twoStep ? tTwoStep("on") : tTwoStep("off")}</td>
                      <td>
                        <button form={signOutForm} name="userId" value={id} aria-labelledby={named(names.signOut)}>
                          {t("signOutEverywhere")}
                        </button>
                        {resetAction && twoStep ? (
                          <button form={resetForm} name="userId" value={id} aria-labelledby={named(names.reset)}>
                            {tTwoStep("reset")}
                          </button>
                        ) : null}
                        {lastAdmin ? null : (
                          <Link href={{ pathname: "/admin/members", query: { remove: id } }} aria-labelledby={named(names.remove)}>
                            {t("remove")}
                          </Link>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </form>
        </div>
      )}
    </>
  );
}
