import { Readable } from "node:stream";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/viewer";
import { openExportDownload } from "@/lib/lifecycle/exports";

export const dynamic = "force-dynamic";

const refusals: Record<string, number> = { forbidden: 403, notFound: 404, expired: 410 };

/** The console's download of a finished export (GET: no request body to cap). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await openExportDownload(await getDb(), await getViewer(), { id });
  if (!result.ok) {
    return new Response(null, { status: refusals[result.error] ?? 404, headers: { "Cache-Control": "no-store" } });
  }
  return new Response(Readable.toWeb(result.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(result.size),
      "Content-Disposition": `attachment; filename="${result.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
