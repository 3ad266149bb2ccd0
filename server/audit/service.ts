import { and, desc, eq, getTableColumns, gte, lte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents, type AuditEvent } from '@/db/schema';
import { getDb } from '@/server/context';
import type { Caller } from '@/server/identity/caller';
import { redactParameters } from './redact';
import { perform } from '@/server/identity/perform';
import { AuditBatcher } from './batcher';

export interface AuditRecord {
  action: string;
  resources?: string[];
  requestParameters?: unknown;
  result: 'Success' | 'Failure';
  errorCode?: string;
  errorMessage?: string;
}

// The columns a recorded event sets; id and event_time come from their defaults at insert.
const INSERTED_COLUMNS = [
  'userId',
  'username',
  'accessKeyId',
  'sourceIp',
  'userAgent',
  'eventSource',
  'action',
  'resources',
  'requestParameters',
  'result',
  'errorCode',
  'errorMessage',
  'requestId',
] as const satisfies readonly (keyof typeof auditEvents.$inferInsert)[];

type InsertedColumn = (typeof INSERTED_COLUMNS)[number];

/**
 * One statement for a whole batch: the rows travel as a single JSON array parameter (keys are the
 * Drizzle property names), which PostgreSQL unpacks in order, so ids follow the order of the
 * calls. Column names and types come from the Drizzle table and cannot drift from the schema.
 */
function batchInsertStatement(): { prefix: SQL; suffix: SQL } {
  const columns = getTableColumns(auditEvents);
  const targets = INSERTED_COLUMNS.map((key) => `"${columns[key].name}"`);
  const fields = INSERTED_COLUMNS.map((key) => `"${key}"`);
  const typed = INSERTED_COLUMNS.map((key) => `"${key}" ${columns[key].getSQLType()}`);
  return {
    prefix: sql.raw(`insert into "audit_events" (${targets.join(', ')}) select ${fields.map((field) => `r.${field}`).join(', ')} from rows from (jsonb_to_recordset(`),
    suffix: sql.raw(`::jsonb) as (${typed.join(', ')})) with ordinality as r(${fields.join(', ')}, "ordinality") order by r."ordinality"`),
  };
}

const INSERT = batchInsertStatement();

/** Why an audit event was not recorded, with PostgreSQL's SQLSTATE (the batcher decides on it). */
export class AuditWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(`the audit trail could not record the event: ${message}`);
    this.name = 'AuditWriteError';
  }
}

/** Each row is already JSON (a row that cannot be serialised fails only its own caller). */
async function insertAuditRows(rows: string[]): Promise<void> {
  try {
    await getDb().execute(sql`${INSERT.prefix}${`[${rows.join(',')}]`}${INSERT.suffix}`);
  } catch (error) {
    // Drizzle's error carries the whole batch as its params: every caller would log everyone's rows.
    const cause = (error as { cause?: unknown }).cause ?? error;
    const { message, code } = cause as { message?: string; code?: unknown };
    throw new AuditWriteError(message ?? String(cause), typeof code === 'string' ? code : undefined);
  }
}

/**
 * Concurrent calls share one INSERT (group commit): while a batch is being written the next one
 * fills up, so under load many events cost one statement and one commit, and alone an event is
 * written at once.
 */
const batcher = new AuditBatcher<string>(insertAuditRows);

function toRowJson(caller: Partial<Caller> & Pick<Caller, 'source' | 'requestId'>, record: AuditRecord): string {
  const row: Record<InsertedColumn, unknown> = {
    userId: caller.userId ?? null,
    username: caller.username ?? null,
    accessKeyId: caller.accessKeyId ?? null,
    sourceIp: caller.sourceIp ?? null,
    userAgent: caller.userAgent?.slice(0, 512) ?? null,
    eventSource: caller.source,
    action: record.action,
    resources: record.resources ?? [],
    requestParameters: redactParameters(record.requestParameters ?? {}) ?? {},
    result: record.result,
    errorCode: record.errorCode ?? null,
    errorMessage: record.errorMessage?.slice(0, 1000) ?? null,
    requestId: caller.requestId,
  };
  const json = JSON.stringify(row);
  // PostgreSQL can store no NUL character (text or jsonb): one would fail the whole batch.
  return json.includes('\\u0000') ? JSON.stringify(row, (_key, value: unknown) => (typeof value === 'string' ? value.replaceAll('\u0000', '\ufffd') : value)) : json;
}

/**
 * Who did it, from where, to what, and how it ended; secrets in the parameters are redacted.
 * Resolves once the event is committed (the caller answers only after that), rejects if it was not.
 */
export function recordAuditEvent(caller: Partial<Caller> & Pick<Caller, 'source' | 'requestId'>, record: AuditRecord): Promise<void> {
  let row: string;
  try {
    row = toRowJson(caller, record);
  } catch (error) {
    return Promise.reject(error as Error); // e.g. a BigInt among the parameters
  }
  return batcher.add(row);
}

export const auditQueryInput = z.object({
  username: z.string().trim().max(128).optional(),
  action: z.string().trim().max(128).optional(),
  resource: z.string().trim().max(2048).optional(),
  result: z.enum(['Success', 'Failure']).optional(),
  from: z.coerce.date({ message: 'from is not a date' }).optional(),
  to: z.coerce.date({ message: 'to is not a date' }).optional(),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
  // Events are read newest first; the cursor is the last id seen.
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = z.input<typeof auditQueryInput>;

function auditFilter(query: z.output<typeof auditQueryInput>): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    query.username ? eq(auditEvents.username, query.username) : undefined,
    query.action ? eq(auditEvents.action, query.action) : undefined,
    query.resource ? sql`${auditEvents.resources} @> ${JSON.stringify([query.resource])}::jsonb` : undefined,
    query.result ? eq(auditEvents.result, query.result) : undefined,
    query.from ? gte(auditEvents.eventTime, query.from) : undefined,
    query.to ? lte(auditEvents.eventTime, query.to) : undefined,
    query.before ? lt(auditEvents.id, query.before) : undefined,
  ];
  return and(...conditions.filter(Boolean));
}

export async function listAuditEvents(input: AuditQuery): Promise<{ events: AuditEvent[]; nextBefore?: number }> {
  const query = auditQueryInput.parse(input);
  const rows = await getDb()
    .select()
    .from(auditEvents)
    .where(auditFilter(query))
    .orderBy(desc(auditEvents.id))
    .limit(query.pageSize + 1);
  const hasMore = rows.length > query.pageSize;
  const events = rows.slice(0, query.pageSize);
  return { events, nextBefore: hasMore ? events.at(-1)?.id : undefined };
}

/** Every matching event as JSON lines, read in pages so a large trail never sits in memory. */
export async function* exportAuditEvents(input: AuditQuery): AsyncGenerator<string> {
  let before: number | undefined;
  do {
    const page = await listAuditEvents({ ...input, pageSize: 1000, before });
    for (const event of page.events) yield `${JSON.stringify(event)}\n`;
    before = page.nextBefore;
  } while (before);
}

/** The audit page's read: needs cloudtrail:LookupEvents, like AWS's console. */
export async function lookupAuditEvents(caller: Caller, input: AuditQuery) {
  return perform(caller, { name: 'LookupEvents', iamAction: 'cloudtrail:LookupEvents', isAudited: false }, () => listAuditEvents(input));
}

/** Exporting the trail is itself recorded: who took a copy of it, and with which filters. */
export async function startAuditExport(caller: Caller, input: AuditQuery): Promise<AsyncGenerator<string>> {
  const query = auditQueryInput.parse(input);
  await perform(caller, { name: 'ExportEvents', iamAction: 'cloudtrail:LookupEvents', parameters: query }, async () => undefined);
  return exportAuditEvents(query);
}
