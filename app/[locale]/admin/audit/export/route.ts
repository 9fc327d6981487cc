import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/viewer";
import { streamedDownload } from "@/lib/api/stream";
import { exportAuditEvents, exportFormats, type ExportFormat } from "@/lib/audit/export";

export const dynamic = "force-dynamic";

/** The audit page's download button: the signed-in Admin's own organization, with the page's filters. */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const format = (params.get("format") ?? "csv") as ExportFormat;
  if (!exportFormats.includes(format)) return new Response("Unknown format", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const input = Object.fromEntries(
    [["action", "action"], ["member", "actorId"]].flatMap(([param, field]) => (params.get(param!) ? [[field, params.get(param!)]] : [])),
  );
  const result = await exportAuditEvents(await getDb(), await getViewer(), input, format);
  if (!result.ok) return new Response(result.error === "forbidden" ? "Forbidden" : "Invalid filter", { status: result.error === "forbidden" ? 403 : 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return streamedDownload(result.chunks, format, "audit-events");
}
