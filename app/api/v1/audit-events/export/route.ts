import { apiRoute } from "@/lib/api/door";
import { streamedDownload } from "@/lib/api/stream";
import { exportAuditEvents, exportFormats, type ExportFormat } from "@/lib/audit/export";
import { fail } from "@/lib/core/result";

export const dynamic = "force-dynamic";

/** Every matching event, streamed as NDJSON (default) or CSV: `?format=csv&action=…&since=…`. */
export const GET = apiRoute(async ({ db, actor, url }) => {
  const params = url.searchParams;
  const format = (params.get("format") ?? "ndjson") as ExportFormat;
  if (!exportFormats.includes(format)) return fail("validation", { format: ["invalidFormat"] });
  const input = Object.fromEntries(["action", "actorId", "since", "until"].flatMap((name) => (params.has(name) ? [[name, params.get(name)]] : [])));
  const result = await exportAuditEvents(db, actor, input, format);
  if (!result.ok) return result;
  return { download: (headers: Headers) => streamedDownload(result.chunks, format, "audit-events", headers) };
});
