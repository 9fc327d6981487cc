import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/next-auth";
import { payloadTooLarge, readCappedBody, withBody } from "@/lib/core/request-body";

export const { GET } = handlers;

// Auth.js posts small forms (CSRF token, sign-out, a ticket): a few kilobytes at most.
const authBodyLimitBytes = 16 * 1024;

export async function POST(request: NextRequest) {
  const body = await readCappedBody(request, authBodyLimitBytes);
  if (!body.ok) return payloadTooLarge(body.status);
  return handlers.POST(new NextRequest(withBody(request, body.bytes)));
}
