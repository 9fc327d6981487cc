import { sql } from "drizzle-orm";
import { lockChain } from "@/lib/audit/chain";
import { recordAudit } from "@/lib/audit/record";
import { queryRows } from "@/lib/core/db";
import { requestExport } from "@/lib/lifecycle/exports";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, viewerOf } from "@/tests/support/factories";

// Requests that change an organization hold its row for their transaction, then append to its
// audit chain (an advisory lock). An audit event written elsewhere meanwhile (the worker finishing
// a purge or an export) holds the chain first, then its insert's foreign key takes a KEY SHARE
// lock on the same organization row. A FOR UPDATE row lock conflicts with KEY SHARE and the two
// deadlock (bench:scale met it: a 500 on POST /api/v1/exports); FOR NO KEY UPDATE does not.
// Only PostgreSQL has concurrent connections to show it.
const database = testDatabaseForThisFile();
const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ? describe : describe.skip;

onPostgres("the organization row lock and the audit chain", () => {
  it("a request holding the organization does not deadlock with an audit event already holding the chain", async () => {
    const cast = await createCast(database.db);
    const admin = await viewerOf(database.db, cast.admin.id);
    let request: ReturnType<typeof requestExport> | undefined;
    await database.db.transaction(async (tx) => {
      await lockChain(tx, cast.organization.id);
      request = requestExport(database.db, admin);
      // Until the request holds the organization's row and waits for the chain.
      for (let tries = 0; tries < 200; tries += 1) {
        const [row] = await queryRows<{ waiting: number }>(database.db, sql`select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted`);
        if (Number(row?.waiting) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await recordAudit(tx, { organizationId: cast.organization.id, actorId: null, action: "organization.renamed", data: { from: "a", to: "b" } });
    });
    expect(await request).toMatchObject({ ok: true, created: true });
  });
});
