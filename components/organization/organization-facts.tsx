"use client";

import { CopyButton } from "@/components/ui/copy-button";
import { Link } from "@/i18n/link";

/** `apiHelp`: the words of the link to the API's help article. */
export type OrganizationFactsWords = { name: string; members: string; organizationId: string; idHint: string; copyId: string; copied: string; copyFailed: string; apiHelp: string };

/**
 * The Organization page's details: name, member count, ID (with its copy button). Styled by `.facts`
 * (app/globals.css). A client component though it keeps no state: the page's payload carries the
 * facts and their words, and the ID once, not the list's elements a second time beside the HTML.
 */
export function OrganizationFacts({ name, members, id, words }: { name: string; members: number; id: string; words: OrganizationFactsWords }) {
  return (
    <dl className="facts">
      <div>
        <dt>{words.name}</dt>
        <dd>{name}</dd>
      </div>
      <div>
        <dt>{words.members}</dt>
        <dd>{members}</dd>
      </div>
      <div className="sm:col-span-2">
        <dt>{words.organizationId}</dt>
        <dd className="flex flex-wrap items-center gap-3">
          <code className="select-all break-all font-mono text-base" data-testid="organization-id">{id}</code>
          <CopyButton value={id} label={words.copyId} copiedLabel={words.copied} failedLabel={words.copyFailed} />
        </dd>
        <dd className="mt-1 field-hint">{words.idHint}</dd>
        <dd className="mt-1 text-sm">
          <Link href="/help/api" className="link" data-testid="api-help-link">
            {words.apiHelp}
          </Link>
        </dd>
      </div>
    </dl>
  );
}
