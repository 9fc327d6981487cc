import { getFormatter, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { PlainFormAction } from "@/components/forms/form-action";
import type { Member } from "@/lib/members/members";

/** One row per person: role and Billing flag editable in place, removal behind a typed confirmation. */
export async function MembersTable({
  members,
  viewerId,
  organizationName,
  changeRoleAction,
  signOutAction,
  twoStep,
}: {
  members: (Member & { lastAdmin: boolean })[];
  viewerId: string;
  organizationName: string;
  changeRoleAction: PlainFormAction;
  signOutAction: PlainFormAction;
  /** Who has two-step sign-in, and the Admin's reset (lost phone). */
  twoStep?: { enabled: Set<string>; resetAction?: PlainFormAction };
}) {
  const t = await getTranslations("MembersPage");
  const tRoles = await getTranslations("Roles");
  const format = await getFormatter();
  const tTwoStep = await getTranslations("MembersTwoStep");
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("tableCaption", { organization: organizationName })}</caption>
        <thead className="border-b border-slate-300">
          <tr>
            <th scope="col" className="py-2 pr-3">{t("name")}</th>
            <th scope="col" className="py-2 pr-3">{t("email")}</th>
            <th scope="col" className="py-2 pr-3">{t("role")} / {t("billing")}</th>
            <th scope="col" className="py-2 pr-3">{t("joined")}</th>
            {twoStep ? <th scope="col" className="py-2 pr-3">{tTwoStep("column")}</th> : null}
            <th scope="col" className="py-2">{t("actions")}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const { lastAdmin } = member;
            const formId = `role-${member.id}`;
            return (
              <tr key={member.id} className="border-b border-slate-200 align-top" data-testid={`member-${member.email}`}>
                <th scope="row" className="py-3 pr-3 font-medium">
                  {member.name}
                  {member.id === viewerId ? <span className="ml-1 text-slate-600">({t("you")})</span> : null}
                </th>
                <td className="py-3 pr-3 break-all">{member.email}</td>
                <td className="py-3 pr-3">
                  <form id={formId} action={changeRoleAction} className="flex flex-wrap items-center gap-2">
                    <input type="hidden" name="userId" value={member.id} />
                    {lastAdmin ? (
                      <>
                        <input type="hidden" name="role" value="admin" />
                        <span className="font-medium">{tRoles("admin")}</span>
                      </>
                    ) : (
                      <select name="role" defaultValue={member.role} aria-label={t("roleFor", { name: member.name })} className={`${inputClass} w-auto`}>
                        <option value="member">{tRoles("member")}</option>
                        <option value="admin">{tRoles("admin")}</option>
                      </select>
                    )}
                    <label className="flex items-center gap-1">
                      <input type="checkbox" name="billing" defaultChecked={member.billing} className="size-4" aria-label={t("billingFor", { name: member.name })} />
                      <span aria-hidden="true">{tRoles("billing")}</span>
                    </label>
                    <button type="submit" className={buttonClass("secondary")} aria-label={t("saveRoleFor", { name: member.name })}>
                      {t("saveRole")}
                    </button>
                  </form>
                  {lastAdmin ? <p className="mt-2 max-w-xs text-xs text-slate-700" data-testid="last-admin-note">{t("lastAdminNote")}</p> : null}
                </td>
                <td className="py-3 pr-3 whitespace-nowrap">{format.dateTime(member.createdAt, { dateStyle: "medium" })}</td>
                {twoStep ? (
                  <td className="py-3 pr-3" data-testid="member-two-step">
                    {twoStep.enabled.has(member.id) ? tTwoStep("on") : tTwoStep("off")}
                  </td>
                ) : null}
                <td className="space-y-2 py-3">
                  <form action={signOutAction}>
                    <input type="hidden" name="userId" value={member.id} />
                    <button type="submit" className="font-semibold text-indigo-700 underline" aria-label={t("signOutEverywhereFor", { name: member.name })}>
                      {t("signOutEverywhere")}
                    </button>
                  </form>
                  {twoStep?.resetAction && twoStep.enabled.has(member.id) ? (
                    <form action={twoStep.resetAction}>
                      <input type="hidden" name="userId" value={member.id} />
                      <button type="submit" className="font-semibold text-indigo-700 underline" aria-label={tTwoStep("resetFor", { name: member.name })}>
                        {tTwoStep("reset")}
                      </button>
                    </form>
                  ) : null}
                  {lastAdmin ? null : (
                    <Link href={{ pathname: "/admin/members", query: { remove: member.id } }} className="block font-semibold text-red-700 underline" aria-label={t("removeFor", { name: member.name })}>
                      {t("remove")}
                    </Link>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
