import { createElement, type ComponentProps } from "react";
import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

const navigation = createNavigation(routing);
export const { redirect, usePathname, useRouter, getPathname } = navigation;

/**
 * next-intl's Link, but without prefetching unless a link asks for it: Next prefetches every link
 * in view, and each console page prefetch is a full server render (session, counts) the visitor may
 * never open — about 20 per console page load. Without it, a visit costs one render; a click still
 * navigates client-side.
 */
export function Link({ prefetch = false, ...props }: ComponentProps<typeof navigation.Link>) {
  return createElement(navigation.Link, { prefetch, ...props });
}
