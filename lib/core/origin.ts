import "server-only";
import { headers } from "next/headers";

/** An absolute link to a page of this server: APP_URL when set (behind a proxy), else the address the visitor used. */
export async function absoluteLink(pathWithQuery: string): Promise<string> {
  const requestHeaders = await headers();
  const origin = process.env.APP_URL ?? `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${requestHeaders.get("host")}`;
  return `${origin.replace(/\/$/, "")}${pathWithQuery}`;
}
