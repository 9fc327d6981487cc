import { z } from "zod";
import { embeddedDataDir, getDb } from "@/db";
import { verifyOrganizations } from "@/lib/audit/verification";
import { isInternalCaller } from "@/lib/core/internal-api";
import { readCappedBody } from "@/lib/core/request-body";

export const dynamic = "force-dynamic";

const input = z.object({ organizationId: z.uuid().optional() });

/** `npm run audit:verify` on the embedded database: the one process that holds it walks the chains. */
export async function POST(request: Request) {
  if (!isInternalCaller(request.headers.get("authorization"), embeddedDataDir())) return new Response(null, { status: 404 });
  const body = await readCappedBody(request, 1024);
  if (!body.ok) return new Response(null, { status: body.status });
  let parsed: z.infer<typeof input>;
  try {
    parsed = input.parse(body.bytes.byteLength ? JSON.parse(new TextDecoder().decode(body.bytes)) : {});
  } catch {
    return Response.json({ error: "validation" }, { status: 400 });
  }
  const results = await verifyOrganizations(await getDb(), parsed.organizationId);
  return Response.json({ results }, { headers: { "Cache-Control": "no-store" } });
}
