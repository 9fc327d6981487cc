/**
 * Which message namespaces reach the browser. Server components translate on the server; a client
 * component gets only the namespaces its page (or, for the layouts' own, the root layout) hands
 * down through <ClientMessages>. tests/client-messages.test.ts reads every page's and layout's
 * client components and fails when one uses a namespace its provider does not carry.
 */

/** For the client components of the layouts and boundaries (language switch, error page); the navigation and the 403 and 404 pages get their words translated. */
export const layoutClientNamespaces = ["ErrorPage", "LocaleSwitcher.switchTo"] as const;

/** The catalogue cut down to the given namespaces; `A.b` keeps only `b` of `A`, a part or a single message (merged with a sibling `A.c`). */
export function pickNamespaces(messages: Record<string, unknown>, namespaces: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const namespace of namespaces) {
    const parts = namespace.split(".");
    let source: unknown = messages;
    let target = picked;
    for (const [index, part] of parts.entries()) {
      if (typeof source !== "object" || source === null || !(part in source)) break;
      source = (source as Record<string, unknown>)[part];
      if (index === parts.length - 1) target[part] = source;
      else target = (target[part] ??= {}) as Record<string, unknown>;
    }
  }
  return picked;
}
