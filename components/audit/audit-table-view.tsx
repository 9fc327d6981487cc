"use client";

import { LocalTime } from "./local-time";

/** One event, already in the viewer's words; `who` null: nobody (a system action). */
export type AuditRow = { id: string; iso: string; who: string | null; what: string; details: string };

/**
 * The audit table's markup, rendered on the server like any component (it works before any script
 * runs) but as a client component given its rows already translated: the page's flight data carries
 * each event's few facts once instead of every cell a second time beside the HTML.
 */
export function AuditTableView({ rows, words }: { rows: AuditRow[]; words: { caption: string; when: string; who: string; what: string; details: string; nobody: string } }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="audit-table">
        <caption className="sr-only">{words.caption}</caption>
        <thead className="border-b border-slate-300">
          <tr>
            <th scope="col" className="py-2 pr-3">{words.when}</th>
            <th scope="col" className="py-2 pr-3">{words.who}</th>
            <th scope="col" className="py-2 pr-3">{words.what}</th>
            <th scope="col" className="py-2">{words.details}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="at-row">
              <td className="py-2 pr-3 whitespace-nowrap"><LocalTime iso={row.iso} /></td>
              <td className="py-2 pr-3">{row.who ?? <span className="text-slate-600">{words.nobody}</span>}</td>
              <td className="py-2 pr-3">{row.what}</td>
              <td className="py-2 break-all">{row.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
