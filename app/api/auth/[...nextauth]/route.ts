import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/next-auth";
import { hasUnusableCallbackUrl } from "@/lib/auth/callback-url";
import { payloadTooLarge, readCappedBody, withBody } from "@/lib/core/request-body";

// A callback URL Auth.js cannot read would be its 500: refused here as the client's error.
export async function GET(request: NextRequest) {
  if (hasUnusableCallbackUrl(request)) return payloadTooLarge(400);
  return handlers.GET(request);
}

// Auth.js posts small forms (CSRF token, sign-out, a ticket): a few kilobytes at most.
const authBodyLimitBytes = 16 * 1024;

export async function POST(request: NextRequest) {
  if (hasUnusableCallbackUrl(request)) return payloadTooLarge(400);
  const body = await readCappedBody(request, authBodyLimitBytes);
  if (!body.ok) return payloadTooLarge(body.status);
  return handlers.POST(new NextRequest(withBody(request, body.bytes)));
}
