import { eq } from "drizzle-orm";
import { rm } from "node:fs/promises";
import { jobs } from "@/db/schema";
import { defaultWorkerOptions, startWorker } from "@/lib/jobs/worker";
import { exportDirectory } from "@/lib/jobs/export";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, createChats, viewerOf } from "@/tests/support/factories";
import { openExportDownload, requestExport } from "./exports";

const database = testDatabaseForThisFile();
afterAll(() => rm(exportDirectory(), { recursive: true, force: true }));

async function finished(id: string) {
  for (let tries = 0; tries < 100; tries += 1) {
    const [job] = await database.db.select().from(jobs).where(eq(jobs.id, id));
    if (job!.state === "done" || job!.state === "failed") return job!.state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return "stuck";
}

it("the server's worker builds one export after another", async () => {
  const worker = startWorker(database.db, { ...defaultWorkerOptions, pollMs: 20 });
  try {
    for (let round = 0; round < 3; round += 1) {
      const cast = await createCast(database.db);
      await createChats(database.db, cast.organization.id, cast.member.id, 1, 1);
      const admin = await viewerOf(database.db, cast.admin.id);
      const started = await requestExport(database.db, admin);
      if (!started.ok) throw new Error(started.error);
      expect(await finished(started.export.id)).toBe("done");
      const download = await openExportDownload(database.db, admin, { id: started.export.id });
      if (download.ok) for await (const _ of download.stream) void _;
    }
  } finally {
    await worker.stop();
  }
});
