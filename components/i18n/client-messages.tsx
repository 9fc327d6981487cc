import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickNamespaces } from "@/i18n/client-messages";
import type en from "@/messages/en.json";

type Catalogue = typeof en;
/** The names below a part of the catalogue, one or two levels down (`settings`, `connection.save`). */
type Below<T> = {
  [S in Extract<keyof T, string>]: S | (T[S] extends Record<string, unknown> ? `${S}.${Extract<keyof T[S], string>}` : never);
}[Extract<keyof T, string>];
/** A top-level namespace, or a part below it (`Sso.settings`, one message: `MembersPage.invite`, or one of a part: `Sso.connection.save`) when a page needs only that. */
export type MessageNamespace = { [K in keyof Catalogue]: K | (Catalogue[K] extends Record<string, unknown> ? `${K}.${Below<Catalogue[K]>}` : never) }[keyof Catalogue];

/** `names` when `shown`: the messages of a part the page renders only sometimes (`...ifShown(shown, "A.b")`). */
export const ifShown = (shown: boolean, ...names: MessageNamespace[]): MessageNamespace[] => (shown ? names : []);

/**
 * The message namespaces the client components below use, and only those: the page's HTML carries
 * them, not the whole catalogue (about 80 KB per language). Locale, time zone and formats come from
 * the request as before. A nested provider replaces the outer one's messages for its subtree.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly MessageNamespace[]; children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickNamespaces(messages, namespaces)}>{children}</NextIntlClientProvider>;
}
