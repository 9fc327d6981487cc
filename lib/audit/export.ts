import "server-only";
import { and, desc, eq, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { auditEvents } from "@/db/schema";
import type { Db } from "@/db";
import { queryRows } from "@/lib/core/db";
import type { Actor } from "@/lib/core/actor";
import { guard } from "@/lib/core/guard";
import type { Result } from "@/lib/core/result";
import { ConstantBytes, copyFormatted, copyText, type BinaryRow, type ByteWriter } from "@/lib/core/copy";

/** The API's audit filters: action, actor, a time range, and a cursor (the last event ID seen). */
export const auditQuerySchema = z.object({
  action: z.string().max(64).regex(/^[a-zA-Z]+\.[a-zA-Z]+$/, { error: "invalidAction" }).optional(),
  actorId: z.uuid({ error: "invalidActor" }).optional(),
  since: z.iso.datetime({ offset: true, error: "invalidDate" }).optional(),
  until: z.iso.datetime({ offset: true, error: "invalidDate" }).optional(),
  before: z.coerce.number({ error: "invalidCursor" }).int({ error: "invalidCursor" }).positive({ error: "invalidCursor" }).optional(),
  limit: z.coerce.number({ error: "invalidLimit" }).int({ error: "invalidLimit" }).min(1, { error: "invalidLimit" }).max(100, { error: "invalidLimit" }).default(50),
});


export type AuditEventResource = {
  id: number;
  action: string;
  target: string | null;
  data: Record<string, unknown>;
  actor: { kind: "person" | "api_key" | "system"; id: string | null; name: string | null; email: string | null };
  clientAddress: string | null;
  createdAt: Date;
};

/** The organization's events, newest first, one page after the cursor. */
export async function listAuditPage(
  db: Db,
  caller: Actor | null,
  input: Record<string, unknown>,
): Promise<Result<{ events: AuditEventResource[]; nextBefore: number | null }, "forbidden" | "validation">> {
  const door = guard(caller, "audit.view", auditQuerySchema, input);
  if (!door.ok) return door;
  const { actor, input: query } = door;
  const conditions: SQL[] = [eq(auditEvents.organizationId, actor.organization.id)];
  if (query.action) conditions.push(eq(auditEvents.action, query.action));
  if (query.actorId) conditions.push(eq(auditEvents.actorId, query.actorId));
  if (query.since) conditions.push(gte(auditEvents.createdAt, new Date(query.since)));
  if (query.until) conditions.push(lte(auditEvents.createdAt, new Date(query.until)));
  if (query.before) conditions.push(lt(auditEvents.id, query.before));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    ok: true,
    events: page.map((row) => ({
      id: row.id,
      action: row.action,
      target: row.target,
      data: row.data,
      actor: { kind: row.actorKind, id: row.actorId, name: row.actorName, email: row.actorEmail },
      clientAddress: row.clientAddress,
      createdAt: row.createdAt,
    })),
    nextBefore: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

export const exportFormats = ["ndjson", "csv"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Events per query: memory stays flat however many there are. */
const exportBatchSize = 10_000;

const csvHeader = "id,createdAt,action,actorKind,actorId,actorName,actorEmail,target,clientAddress,data\r\n";

/**
 * A CSV cell (RFC 4180, always quoted). A spreadsheet would run a cell starting with = + - @ (or a
 * tab or a return) as a formula, so such a cell is prefixed with '.
 */
function csvCell(value: SQL): SQL {
  return sql`'"' || replace(case when left(${value}, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '''' || ${value} else coalesce(${value}, '') end, '"', '""') || '"'`;
}

const isoTime = sql`to_char(${auditEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** One event as a line of the export, formatted by PostgreSQL (near the speed of COPY, the same with both drivers). */
function lineOf(format: ExportFormat): SQL {
  if (format === "ndjson") {
    return sql`json_build_object('id', ${auditEvents.id}, 'action', ${auditEvents.action}, 'target', ${auditEvents.target}, 'data', ${auditEvents.data},
      'actor', json_build_object('kind', ${auditEvents.actorKind}, 'id', ${auditEvents.actorId}, 'name', ${auditEvents.actorName}, 'email', ${auditEvents.actorEmail}),
      'clientAddress', ${auditEvents.clientAddress}, 'createdAt', ${isoTime})::text || chr(10)`;
  }
  // IDs, times, actions and kinds are made of safe characters by construction: only free text is quoted and checked.
  const cells = [
    sql`${auditEvents.id}::text`,
    isoTime,
    sql`${auditEvents.action}`,
    sql`${auditEvents.actorKind}::text`,
    sql`coalesce(${auditEvents.actorId}::text, '')`,
    csvCell(sql`${auditEvents.actorName}`),
    csvCell(sql`${auditEvents.actorEmail}`),
    csvCell(sql`${auditEvents.target}`),
    csvCell(sql`${auditEvents.clientAddress}`),
    sql`'"' || replace(${auditEvents.data}::text, '"', '""') || '"'`,
  ];
  return sql`${sql.join(cells, sql` || ',' || `)} || chr(13) || chr(10)`;
}

/** The columns the COPY path reads, in this order (see `copyLineOf`). */
const copyColumns = {
  id: auditEvents.id,
  createdAt: auditEvents.createdAt,
  action: auditEvents.action,
  actorKind: auditEvents.actorKind,
  actorId: auditEvents.actorId,
  actorName: auditEvents.actorName,
  actorEmail: auditEvents.actorEmail,
  target: auditEvents.target,
  clientAddress: auditEvents.clientAddress,
  data: auditEvents.data,
};

const ascii = (text: string) => new ConstantBytes(text);
const ndjsonParts = ["{\"id\" : ", ", \"action\" : ", ", \"target\" : ", ", \"data\" : ", ", \"actor\" : {\"kind\" : ", ", \"id\" : ", ", \"name\" : ", ", \"email\" : ", "}, \"clientAddress\" : ", ", \"createdAt\" : \"", "\"}\n"].map(ascii);
const [idKey, actionKey, targetKey, dataKey, kindKey, actorIdKey, nameKey, emailKey, addressKey, createdKey, ndjsonEnd] = ndjsonParts as [ConstantBytes, ConstantBytes, ConstantBytes, ConstantBytes, ConstantBytes, ConstantBytes, ConstantBytes, ConstantBytes, ConstantBytes, ConstantBytes, ConstantBytes];
const comma = ascii(",");
const csvEnd = ascii("\r\n");

/**
 * One event as `lineOf` writes it, from the COPY's binary columns: the same bytes (JSON as
 * json_build_object writes it, CSV cells as `csvCell`), with PostgreSQL sending raw columns rather
 * than formatting each line (which took it 3× its COPY time). Every piece is written straight into
 * the output buffer: no string is made per event.
 */
function copyLineOf(format: ExportFormat): (row: BinaryRow, out: ByteWriter) => void {
  if (format === "ndjson") {
    return (row, out) => {
      out.bytes(idKey);
      out.integer(row, 0);
      out.bytes(actionKey);
      out.json(row, 2);
      out.bytes(targetKey);
      out.json(row, 7);
      out.bytes(dataKey);
      out.raw(row, 9, 1);
      out.bytes(kindKey);
      out.json(row, 3);
      out.bytes(actorIdKey);
      out.uuid(row, 4, true);
      out.bytes(nameKey);
      out.json(row, 5);
      out.bytes(emailKey);
      out.json(row, 6);
      out.bytes(addressKey);
      out.json(row, 8);
      out.bytes(createdKey);
      out.timestamp(row, 1, "millis");
      out.bytes(ndjsonEnd);
    };
  }
  return (row, out) => {
    out.integer(row, 0);
    out.bytes(comma);
    out.timestamp(row, 1, "millis");
    out.bytes(comma);
    out.raw(row, 2);
    out.bytes(comma);
    out.raw(row, 3);
    out.bytes(comma);
    out.uuid(row, 4, false);
    out.bytes(comma);
    out.csvGuarded(row, 5);
    out.bytes(comma);
    out.csvGuarded(row, 6);
    out.bytes(comma);
    out.csvGuarded(row, 7);
    out.bytes(comma);
    out.csvGuarded(row, 8);
    out.bytes(comma);
    out.csv(row, 9, { skip: 1 });
    out.bytes(csvEnd);
  };
}

/**
 * The organization's events matching the filters, newest first, as NDJSON lines or CSV rows. The
 * database formats each batch of lines, and the next batch is read while this one is sent, by ID
 * (a keyset cursor): a million events stream with flat memory. On PostgreSQL (postgres.js) the
 * events come instead from one `COPY … TO STDOUT (FORMAT binary)`, formatted here into the same bytes,
 * unless half the pool's connections already serve downloads (a COPY holds its connection while the
 * reader reads); `copy: false` forces the batches, for the test that compares both.
 */
export async function exportAuditEvents(
  db: Db,
  caller: Actor | null,
  input: Record<string, unknown>,
  format: ExportFormat,
  options: { copy?: boolean } = {},
): Promise<Result<{ chunks: AsyncGenerator<string | Uint8Array> }, "forbidden" | "validation">> {
  const door = guard(caller, "audit.view", auditQuerySchema.omit({ limit: true, before: true }), input);
  if (!door.ok) return door;
  const { actor, input: filters } = door;
  const conditions: SQL[] = [eq(auditEvents.organizationId, actor.organization.id)];
  if (filters.action) conditions.push(eq(auditEvents.action, filters.action));
  if (filters.actorId) conditions.push(eq(auditEvents.actorId, filters.actorId));
  if (filters.since) conditions.push(gte(auditEvents.createdAt, new Date(filters.since)));
  if (filters.until) conditions.push(lte(auditEvents.createdAt, new Date(filters.until)));
  const copyQuery = options.copy === false ? null : copyText(db.select(copyColumns).from(auditEvents).where(and(...conditions)).orderBy(desc(auditEvents.id)));
  const line = lineOf(format);
  const batch = async (before: number | null) => {
    const where = and(...conditions, before === null ? undefined : lt(auditEvents.id, before));
    const [row] = await queryRows<{ text: string | null; last: number | string | null; rows: number | string }>(
      db,
      sql`select string_agg(line, '' order by id desc) as text, min(id) as last, count(*) as rows
          from (select ${auditEvents.id} as id, ${line} as line from ${auditEvents} where ${where} order by ${auditEvents.id} desc limit ${exportBatchSize}) as page`,
    );
    const last = row?.last === null || row?.last === undefined ? null : Number(row.last);
    return { text: row?.text ?? "", last, full: Number(row?.rows ?? 0) === exportBatchSize };
  };
  async function* chunks(): AsyncGenerator<string | Uint8Array> {
    if (format === "csv") yield csvHeader;
    // COPY when this process has a connection to spare for it (it holds one while the reader reads),
    // else the batches. Asked here, when the download starts, and iterated at once.
    const copied = copyQuery === null ? null : copyFormatted(db, copyQuery, { columns: Object.keys(copyColumns).length, format: copyLineOf(format), forReader: true });
    if (copied) {
      yield* copied;
      return;
    }
    let next = batch(null);
    for (;;) {
      const page = await next;
      // Ask for the following batch before handing this one over: the query and the sending overlap.
      if (page.full && page.last !== null) next = batch(page.last);
      if (page.text) yield page.text;
      if (!page.full || page.last === null) return;
    }
  }
  return { ok: true, chunks: chunks() };
}
