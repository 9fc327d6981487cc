import { embeddedDataDir, getDatabase } from "@/db";
import { isInternalCaller } from "@/lib/core/internal-api";
import { readCappedBody } from "@/lib/core/request-body";

export const dynamic = "force-dynamic";

/** `npm run db:backup` on the embedded database: the one process that holds it copies it (a gzipped tarball). */
export async function POST(request: Request) {
  if (!isInternalCaller(request.headers.get("authorization"), embeddedDataDir())) return new Response(null, { status: 404 });
  // No input: an empty body, capped like every other.
  const body = await readCappedBody(request, 1024);
  if (!body.ok) return new Response(null, { status: body.status });
  const database = await getDatabase();
  if (!database.dumpDataDir) return new Response(null, { status: 404 });
  const tarball = await database.dumpDataDir();
  return new Response(tarball, {
    headers: { "Content-Type": "application/gzip", "Content-Length": String(tarball.size), "Cache-Control": "no-store" },
  });
}
