import type { ReactNode } from "react";
import { helpLinkOf } from "@/components/help/help-link";
import type { HelpSlug } from "@/lib/help";
import { PageHeading } from "./page-heading";

/** The top of a page: its title, one sentence on what it is for, and the help article that explains it. */
export async function PageHeader({ title, intro, help }: { title: ReactNode; intro?: ReactNode; help?: { article: HelpSlug; section?: string } }) {
  return <PageHeading title={title} intro={intro} help={help ? await helpLinkOf(help.article, help.section) : undefined} />;
}
