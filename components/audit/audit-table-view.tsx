"use client";

import { LocalTime } from "./local-time";

/**
 * One event, already in the viewer's words: when (ISO), who (null: nobody, a system action), what (its
 * position in the table's `actions`: a page repeats a few actions many times), details.
 */
export type AuditRow = readonly [iso: string, who: string | null, what: number, details: string];

/**
 * The audit table's markup, rendered on the server like any component (it works before any script
 * runs) but as a client component given its rows already translated: the page's flight data carries
 * each event's few facts once (as a short tuple) instead of every cell a second time beside the HTML.
 * The cells' classes are app/globals.css's.
 */
export function AuditTableView({
  rows,
  actions,
  words,
}: {
  rows: AuditRow[];
  /** The actions' names, each once. */
  actions: string[];
  words: { caption: string; when: string; who: string; what: string; details: string; nobody: string };
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="audit-table">
        <caption className="sr-only">{words.caption}</caption>
        <thead className="tp-head">
          <tr>
            <th scope="col">{words.when}</th>
            <th scope="col">{words.who}</th>
            <th scope="col">{words.what}</th>
            <th scope="col">{words.details}</th>
          </tr>
        </thead>
        <tbody className="at-body">
          {rows.map(([iso, who, what, details], index) => (
            // A page of the log is rendered once and never reordered: the position is a stable key.
            <tr key={index}>
              <td><LocalTime iso={iso} /></td>
              <td>{who ?? <span className="text-slate-600">{words.nobody}</span>}</td>
              <td>{actions[what]}</td>
              <td>{details}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
