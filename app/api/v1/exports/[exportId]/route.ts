import { answer, apiRoute } from "@/lib/api/door";
import { exportResource } from "@/lib/api/resources";
import { getExportStatus } from "@/lib/lifecycle/exports";

export const dynamic = "force-dynamic";

/** An export's progress, for the key that started it (another key or a person gets 404). */
export const GET = apiRoute(async ({ db, actor, params }) => {
  const result = await getExportStatus(db, actor, { id: params.exportId });
  return result.ok ? answer(200, exportResource(result.export)) : result;
});
