"use client";

import { Link } from "@/i18n/link";

/** A choice of a filter: its value and its label, already in the viewer's words. */
export type FilterChoice = readonly [value: string, label: string];

/**
 * The audit log's filters, a GET form (it works before any script runs). A client component for the
 * same reason as the table below it: the page's flight data then carries each choice once, as a short
 * pair, rather than every `<option>` element a second time beside the HTML. The lists are fixed and
 * never reordered, so a choice's position is its key.
 */
export function AuditFilters({
  actions,
  members,
  action,
  member,
  words,
}: {
  actions: FilterChoice[];
  members: FilterChoice[];
  /** The chosen action and member (empty: all). */
  action: string;
  member: string;
  words: { action: string; allActions: string; member: string; allMembers: string; apply: string; clear: string };
}) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-4">
      <FilterSelect name="action" label={words.action} all={words.allActions} choices={actions} chosen={action} />
      <FilterSelect name="member" label={words.member} all={words.allMembers} choices={members} chosen={member} />
      <button type="submit" className="tp-button">{words.apply}</button>
      {action || member ? <Link href="/admin/audit" className="py-2 text-sm underline">{words.clear}</Link> : null}
    </form>
  );
}

/** One filter: its label, then "all" and each choice. */
function FilterSelect({ name, label, all, choices, chosen }: { name: string; label: string; all: string; choices: FilterChoice[]; chosen: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-semibold">{label}</label>
      <select id={name} name={name} defaultValue={chosen} className="tp-select">
        <option value="">{all}</option>
        {choices.map(([value, text], index) => <option key={index} value={value}>{text}</option>)}
      </select>
    </div>
  );
}
