import { Readable } from "node:stream";
import { apiRoute } from "@/lib/api/door";
import { openExportDownload } from "@/lib/lifecycle/exports";

export const dynamic = "force-dynamic";

/** The finished archive, streamed from disk, for the key that started the export only. */
export const GET = apiRoute(async ({ db, actor, params }) => {
  const result = await openExportDownload(db, actor, { id: params.exportId });
  if (!result.ok) return result;
  return {
    download: (headers: Headers) => {
      headers.set("Content-Type", "application/zip");
      headers.set("Content-Length", String(result.size));
      headers.set("Content-Disposition", `attachment; filename="${result.fileName}"`);
      headers.set("Cache-Control", "no-store");
      headers.set("X-Content-Type-Options", "nosniff");
      return new Response(Readable.toWeb(result.stream) as ReadableStream<Uint8Array>, { status: 200, headers });
    },
  };
});
