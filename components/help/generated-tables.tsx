import { getLocale, getTranslations } from "next-intl/server";
import type { AppLocale } from "@/i18n/locales";
import { helpContent } from "@/lib/help";
import { roleColumns, rolesTable } from "@/lib/help/generated";

const cell = "border-b border-slate-200 px-3 py-2";

function Check({ yes, yesLabel, noLabel }: { yes: boolean; yesLabel: string; noLabel: string }) {
  return yes ? (
    <span className="font-bold text-emerald-800"><span aria-hidden="true">✓</span><span className="sr-only">{yesLabel}</span></span>
  ) : (
    <span className="text-slate-600"><span aria-hidden="true">—</span><span className="sr-only">{noLabel}</span></span>
  );
}

/** Who may do what, built from lib/permissions.ts. */
export async function RolesTable() {
  const locale = (await getLocale()) as AppLocale;
  const t = await getTranslations("Help");
  const tRoles = await getTranslations("Roles");
  const tPlans = await getTranslations("Plans");
  const labels = helpContent[locale].labels.actions;
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm" data-testid="roles-table">
        <caption className="mb-2 text-left text-slate-700">{t("rolesCaption")}</caption>
        <thead>
          <tr>
            <th scope="col" className={cell}>{t("permission")}</th>
            {roleColumns.map((column) => <th key={column.key} scope="col" className={`${cell} text-center`}>{tRoles(column.key)}</th>)}
            <th scope="col" className={cell}>{t("plansNeeded")}</th>
          </tr>
        </thead>
        <tbody>
          {rolesTable().map((row) => (
            <tr key={row.action} data-action={row.action}>
              <th scope="row" className={`${cell} font-normal`}>{labels[row.action]}</th>
              {roleColumns.map((column) => (
                <td key={column.key} className={`${cell} text-center`} data-role={column.key} data-allowed={row.allowed[column.key]}>
                  <Check yes={row.allowed[column.key]} yesLabel={t("allowed")} noLabel={t("notAllowed")} />
                </td>
              ))}
              <td className={cell}>{row.plans ? list.format(row.plans.map((plan) => tPlans(plan))) : t("allPlans")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
