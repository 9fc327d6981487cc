import "server-only";
import { cache } from "react";
import { forbidden } from "next/navigation";
import { cookies, headers } from "next/headers";
import { clientAddressFrom } from "@/lib/core/client-address";
import { describeDevice } from "@/lib/sessions/device";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { redirect } from "@/i18n/navigation";
import type { AppLocale } from "@/i18n/locales";
import { auth } from "./next-auth";
import { can, type Action } from "@/lib/core/permissions";
import { consoleSections, type ConsoleSection } from "@/lib/core/console-sections";
import { loadSessionUser, type Viewer } from "./session-user";
import { openViewerHandoff } from "./viewer-handoff";

export type { Viewer };

/**
 * The signed-in person, read from the database once per request; null when signed out or gone. The
 * read is the middleware's when it handed this request a valid sealed viewer (lib/auth/viewer-handoff.ts:
 * MAC, this session's cookie, this request's nonce); otherwise it is done here. It carries the
 * request's client address and device summary (no lookup: two headers) for the audit log.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const requestHeaders = await headers();
  const viewer = openViewerHandoff(requestHeaders, await cookies()) ?? (await readViewer());
  if (!viewer) return null;
  return { ...viewer, context: { clientAddress: clientAddressFrom(requestHeaders), userAgent: describeDevice(requestHeaders.get("user-agent")) } };
});

async function readViewer(): Promise<Viewer | null> {
  const session = await auth();
  if (!session?.sessionId) return null;
  const lookup = await loadSessionUser(await getDb(), session.sessionId);
  return lookup.status === "ok" ? lookup.viewer : null;
}

/** For pages: the viewer, or a redirect to sign-in that comes back here. */
export async function requireViewer(locale: AppLocale, returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) {
    return redirect({ href: { pathname: "/sign-in", query: { callbackUrl: `/${locale}${returnTo}` } }, locale });
  }
  return viewer;
}

/** For pages: the viewer if the matrix allows the action, else the 403 page. */
export async function requirePermission(locale: AppLocale, returnTo: string, action: Action): Promise<Viewer> {
  const viewer = await requireViewer(locale, returnTo);
  if (!can(viewer, action)) forbidden();
  return viewer;
}

/** For console pages: the viewer if the matrix allows the section's action, read from the sections table. */
export async function requireSection(section: ConsoleSection): Promise<Viewer> {
  const { path, action } = consoleSections[section];
  return requirePermission((await getLocale()) as AppLocale, path, action);
}
