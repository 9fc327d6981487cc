import { getLocale, getTranslations } from "next-intl/server";
import type { AppLocale } from "@/i18n/locales";
import { helpContent } from "@/lib/help";
import { apiOperations } from "@/lib/api/openapi";
import { problemStatus } from "@/lib/api/problems";
import { scopeGrants, scopes } from "@/lib/core/api-scopes";

const cell = "border-b border-slate-200 px-3 py-2 align-top";

/** Which matrix actions each scope grants, built from lib/core/api-scopes.ts. */
export async function ScopesTable() {
  const locale = (await getLocale()) as AppLocale;
  const t = await getTranslations("ApiHelp");
  const labels = helpContent[locale].labels.actions;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm" data-testid="scopes-table">
        <caption className="mb-2 text-left text-slate-700">{t("scopesCaption")}</caption>
        <thead>
          <tr>
            <th scope="col" className={cell}>{t("scope")}</th>
            <th scope="col" className={cell}>{t("grants")}</th>
          </tr>
        </thead>
        <tbody>
          {scopes.map((scope) => (
            <tr key={scope} data-scope={scope}>
              <th scope="row" className={`${cell} font-mono font-normal`}>{scope}</th>
              <td className={cell}>
                <ul className="list-disc pl-5">{scopeGrants[scope].map((action) => <li key={action}>{labels[action]}</li>)}</ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every endpoint of the OpenAPI document: method, path, scope, answers; rendered on the server. */
export async function ApiReference() {
  const t = await getTranslations("ApiHelp");
  return (
    <div className="space-y-4" data-testid="api-reference">
      <p className="text-sm">
        {t("referenceIntro")} <a className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>
      </p>
      {apiOperations.map((operation) => (
        <section key={`${operation.method} ${operation.path}`} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
          <h3 className="font-mono font-semibold">
            {operation.method.toUpperCase()} /api/v1{operation.path}
          </h3>
          <p>{operation.summary}</p>
          <p>{t("requiresScope")} <code className="font-mono">{operation.scope}</code></p>
          <p>
            {t("answers")} {operation.success.status}
            {[...new Set(operation.problems.map((code) => problemStatus[code]))].sort().map((status) => `, ${status}`).join("")}
          </p>
        </section>
      ))}
    </div>
  );
}
