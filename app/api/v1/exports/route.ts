import { answer, apiRoute } from "@/lib/api/door";
import { exportResource } from "@/lib/api/resources";
import { requestExport } from "@/lib/lifecycle/exports";
import { wakeWorker } from "@/lib/jobs/worker";

export const dynamic = "force-dynamic";

/** Starts building the organization's archive (or answers this key's own export still being built). */
export const POST = apiRoute(async ({ db, actor }) => {
  const result = await requestExport(db, actor);
  if (!result.ok) return result;
  if (result.created) wakeWorker();
  return answer(202, exportResource(result.export));
});
