import type { ExportFormat } from "@/lib/audit/export";

const contentTypes: Record<ExportFormat, string> = { ndjson: "application/x-ndjson; charset=utf-8", csv: "text/csv; charset=utf-8" };

/** A download that pulls one chunk at a time: the server holds one batch, never the whole export. */
export function streamedDownload(chunks: AsyncGenerator<string | Uint8Array>, format: ExportFormat, filename: string, headers = new Headers()): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  }, { highWaterMark: 0 });
  headers.set("Content-Type", contentTypes[format]);
  headers.set("Content-Disposition", `attachment; filename="${filename}.${format}"`);
  // no-transform: Next's built-in compression gzipped the CSV (text/csv is compressible, NDJSON is
  // not), which cost the server more CPU than producing the export (bench:api). Both formats go out
  // uncompressed, and proxies that honour no-transform leave them so too.
  headers.set("Cache-Control", "no-store, no-transform");
  headers.set("X-Content-Type-Options", "nosniff");
  return new Response(body, { status: 200, headers });
}
