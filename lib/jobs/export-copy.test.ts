import { rm } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { unzip } from "@/tests/support/zip";
import { createCast, viewerOf } from "@/tests/support/factories";
import { requestExport } from "@/lib/lifecycle/exports";
import { buildExport, canCopy, exportDirectory, exportFilePath } from "./export";
import { claimJob } from "./jobs";

const database = testDatabaseForThisFile();
// The COPY path exists on PostgreSQL only (DATABASE_URL=… npm test); PGlite keeps the pages.
const onPostgres = process.env.DATABASE_URL ? it : it.skip;
afterAll(() => rm(exportDirectory(), { recursive: true, force: true }));

// Text past a kilobyte too, plain and with a quote past the first kilobyte (it is copied another way).
const awkward = ['He said "hi"', "back\\slash", "two\nlines\r\nhere", "tab\there", "bell\u0001\u001f", "Élodie à l’œuvre", "🙂 smile", "line\u2028sep", "=SUM(A1)", "", "long ".repeat(300), `${"long ".repeat(300)}"quoted" end`];
// Microsecond times, trailing zeros, whole seconds, before and just after 2000.
// Fractions with inner zeros, the last instant of a year and the Unix epoch (the COPY path writes each digit itself).
const times = ["2026-01-02 03:04:05.123456+00", "2026-01-02 03:04:05+00", "2026-07-08 09:10:11.1+00", "1999-12-31 23:59:59.999999+00", "2000-01-01 00:00:00.000001+00", "2026-03-04 05:06:07.12+00", "2026-03-04 05:06:07.0001+00", "2028-12-31 23:59:59.05+00", "1970-01-01 00:00:00+00"];

async function awkwardContent(organizationId: string, userId: string) {
  for (const [index, title] of awkward.entries()) {
    const time = times[index % times.length]!;
    await database.db.execute(
      sql`with chat as (insert into chats (organization_id, user_id, title, created_at, updated_at)
            values (${organizationId}, ${userId}, ${title}, ${time}::timestamptz, ${times[(index + 1) % times.length]}::timestamptz) returning id)
          insert into messages (chat_id, author, body, created_at)
          select chat.id, case when n % 2 = 0 then 'user' else 'assistant' end, ${title} || ' ' || n, ${time}::timestamptz + make_interval(secs => n / 7.0)
          from chat, generate_series(1, 4) n`,
    );
    await database.db.execute(
      sql`insert into audit_events (organization_id, sequence, actor_kind, actor_id, action, target, data, created_at)
          values (${organizationId}, ${10_000 + index}, 'person', ${index % 2 ? userId : null}, 'organization.renamed', ${index % 3 ? title : null},
            ${JSON.stringify({ from: title, to: [title, 1, 2.5, true, null] })}::jsonb, ${time}::timestamptz)`,
    );
  }
}

describe("organization export on PostgreSQL: COPY and the pages", () => {
  onPostgres("write the same files", async () => {
    const cast = await createCast(database.db, "team");
    await awkwardContent(cast.organization.id, cast.member.id);
    const other = await createCast(database.db, "team");
    await awkwardContent(other.organization.id, other.member.id);
    const started = await requestExport(database.db, await viewerOf(database.db, cast.admin.id));
    if (!started.ok) throw new Error(started.error);
    const job = await claimJob(database.db, 60_000);
    expect(job?.id).toBe(started.export.id);

    // Otherwise both builds below would take the pages and the comparison would prove nothing.
    expect(await canCopy(database.db)).toBe(true);
    await buildExport(database.db, job!, { leaseMs: 60_000, pageSize: 3, copy: false });
    const paged = await unzip(exportFilePath(job!.id));
    await rm(exportFilePath(job!.id));
    await buildExport(database.db, job!, { leaseMs: 60_000, pageSize: 3 });
    const copied = await unzip(exportFilePath(job!.id));

    expect(Object.keys(copied).sort()).toEqual(Object.keys(paged).sort());
    expect(paged["messages.ndjson"]!.split("\n")).toHaveLength(awkward.length * 4 + 1);
    for (const [name, text] of Object.entries(paged)) {
      // The first build's own "export ready" event comes after it in the log: the second has one line more.
      if (name === "audit-events.ndjson") {
        expect(copied[name]!.startsWith(text)).toBe(true);
        expect(copied[name]!.split("\n").length - text.split("\n").length).toBeLessThanOrEqual(1);
      } else {
        expect(copied[name]).toBe(text);
      }
    }
  });
});
