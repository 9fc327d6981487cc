import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

const navigation = createNavigation(routing);
export const { redirect } = navigation;

/** Links go through i18n/link.tsx (Next's Link with the locale prefix), not next-intl's client navigation. */
export { Link } from "./link";
