import { sql } from "drizzle-orm";
import { queryRows } from "@/lib/core/db";
import { streamedDownload } from "@/lib/api/stream";
import { testDatabaseForThisFile } from "@/tests/support/db";
import { createCast, viewerOf } from "@/tests/support/factories";
import { exportAuditEvents, type ExportFormat } from "./export";

const database = testDatabaseForThisFile();
// The COPY path exists on PostgreSQL only (DATABASE_URL=… npm test); PGlite keeps the batches.
const onPostgres = process.env.DATABASE_URL ? it : it.skip;

async function text(chunks: AsyncGenerator<string | Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString("utf8");
}

// Every kind of character the two paths could write differently: quotes, backslashes, line breaks,
// control characters, accents, emoji, U+2028, formula starts, empty and missing values.
const awkward = ['He said "hi"', "back\\slash", "two\nlines\r\nhere", "tab\there", "bell\u0001\u001f", "Élodie à l’œuvre", "🙂 smile", "line\u2028sep", "=SUM(A1)", "+1", "-2", "@home", "\tstart", "\rstart", "", "'quoted'"];

async function insertAwkwardEvents(organizationId: string, actorId: string) {
  // Microsecond times too, which a JavaScript Date cannot carry.
  const times = ["2026-01-02 03:04:05.123456+00", "2026-01-02 03:04:05+00", "2026-07-08 09:10:11.1+00", "1999-12-31 23:59:59.999999+00", "2000-01-01 00:00:00.000001+00", "2028-02-29 23:59:59.0009+00", "1970-01-01 00:00:00+00"];
  for (const [index, value] of awkward.entries()) {
    const data = JSON.stringify({ from: value, to: [value, 1, 2.5, true, null], nested: { 'key "x"': value } });
    await database.db.execute(
      sql`insert into audit_events (organization_id, sequence, actor_kind, actor_id, actor_name, actor_email, client_address, action, target, data, created_at)
          values (${organizationId}, ${1000 + index}, ${["person", "api_key", "system"][index % 3]}::audit_actor_kind, ${index % 2 ? actorId : null},
            ${index % 4 === 3 ? null : value}, ${index % 5 === 4 ? null : `${value}@example.test`}, ${index % 3 === 2 ? null : value},
            ${index % 2 ? "organization.renamed" : "member.removed"}, ${index % 6 === 5 ? null : value}, ${data}::jsonb, ${times[index % times.length]}::timestamptz)`,
    );
  }
}

describe("audit export on PostgreSQL: COPY and the batches", () => {
  onPostgres("write the same bytes, in both formats, with and without filters", async () => {
    const cast = await createCast(database.db, "enterprise");
    await insertAwkwardEvents(cast.organization.id, cast.member.id);
    const other = await createCast(database.db, "enterprise");
    await insertAwkwardEvents(other.organization.id, other.member.id);
    const admin = await viewerOf(database.db, cast.admin.id);
    const filters = [{}, { action: "organization.renamed" }, { actorId: cast.member.id }, { since: "2026-01-01T00:00:00Z", until: "2026-07-08T09:10:11.1Z" }];
    for (const format of ["ndjson", "csv"] as ExportFormat[]) {
      for (const input of filters) {
        const copied = await exportAuditEvents(database.db, admin, input, format);
        const batched = await exportAuditEvents(database.db, admin, input, format, { copy: false });
        if (!copied.ok || !batched.ok) throw new Error("refused");
        const [a, b] = [await text(copied.chunks), await text(batched.chunks)];
        expect(a.length).toBeGreaterThan(format === "csv" ? 100 : 0);
        expect(a).toBe(b);
      }
    }
  });

  onPostgres("stalled downloads never hold every pooled connection: past half the pool they read in batches", async () => {
    const cast = await createCast(database.db, "enterprise");
    await insertAwkwardEvents(cast.organization.id, cast.member.id);
    const admin = await viewerOf(database.db, cast.admin.id);
    const batched = await exportAuditEvents(database.db, admin, {}, "ndjson", { copy: false });
    if (!batched.ok) throw new Error("refused");
    const expected = await text(batched.chunks);
    // Twelve downloads whose readers take one chunk and stop reading, more than any pool here.
    const stalled: { first: Buffer; rest: AsyncGenerator<string | Uint8Array> }[] = [];
    for (let index = 0; index < 12; index += 1) {
      const result = await exportAuditEvents(database.db, admin, {}, "ndjson");
      if (!result.ok) throw new Error("refused");
      const first = await result.chunks.next();
      stalled.push({ first: Buffer.from(first.value ?? ""), rest: result.chunks });
    }
    // A page's query still gets a connection at once.
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      database.db.execute(sql`select 1`).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 3000))),
    ]);
    clearTimeout(timer);
    expect(answered).toBe(true);
    // And every download, whichever way it read, ends with the same bytes.
    for (const download of stalled) expect(download.first.toString("utf8") + (await text(download.rest))).toBe(expected);
  });

  onPostgres("an abandoned download cancels its COPY and leaves the pool healthy", async () => {
    const cast = await createCast(database.db, "enterprise");
    await database.db.execute(
      sql`insert into audit_events (organization_id, actor_kind, actor_name, action, target, data, sequence)
          select ${cast.organization.id}, 'system', 'Robot ' || g, 'organization.renamed', repeat('x', 200), jsonb_build_object('n', g), 5000 + g
          from generate_series(1, 100000) g`,
    );
    const admin = await viewerOf(database.db, cast.admin.id);
    const result = await exportAuditEvents(database.db, admin, {}, "ndjson");
    if (!result.ok) throw new Error(result.error);
    const response = streamedDownload(result.chunks, "ndjson", "audit-events");
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.value!.byteLength).toBeGreaterThan(0);
    const copying = () =>
      queryRows<{ count: string | number }>(database.db, sql`select count(*) from pg_stat_activity where datname = current_database() and query ilike 'copy (%' and state <> 'idle'`);
    expect(Number((await copying())[0]!.count)).toBe(1);
    // The client goes away mid-download.
    await reader.cancel();
    expect(Number((await copying())[0]!.count)).toBe(0);
    // Every connection of the pool still answers, all at once.
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => queryRows<{ n: number }>(database.db, sql`select ${index}::int as n`)));
    expect(answers.map((rows) => rows[0]!.n)).toEqual(Array.from({ length: 20 }, (_, index) => index));
    // And a whole export still runs after it, read slowly (its stream pauses, and so does the
    // connection's socket), after which every connection still answers.
    const again = await exportAuditEvents(database.db, admin, {}, "csv");
    if (!again.ok) throw new Error(again.error);
    const parts: Buffer[] = [];
    for await (const chunk of again.chunks) {
      parts.push(Buffer.from(chunk));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const csv = Buffer.concat(parts).toString("utf8");
    expect(csv.split("\r\n").length).toBe(100_000 + 2);
    const after = await Promise.all(Array.from({ length: 20 }, (_, index) => queryRows<{ n: number }>(database.db, sql`select ${index}::int as n`)));
    expect(after).toHaveLength(20);
  });
});
