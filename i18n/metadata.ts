import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

type MessageKey = Parameters<Awaited<ReturnType<typeof getTranslations<never>>>>[0];

/** A page's `generateMetadata` whose title is one message: `export const generateMetadata = titleFrom("SignIn.title")`. */
export function titleFrom(key: MessageKey): () => Promise<Metadata> {
  return async () => {
    const t = await getTranslations();
    return { title: t(key) };
  };
}
