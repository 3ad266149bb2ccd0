import { and, desc, eq, gte, lte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents, type AuditEvent } from '@/db/schema';
import { getDb } from '@/server/context';
import type { Caller } from '@/server/identity/caller';
import { redactParameters } from './redact';
import { perform } from '@/server/identity/perform';

export interface AuditRecord {
  action: string;
  resources?: string[];
  requestParameters?: unknown;
  result: 'Success' | 'Failure';
  errorCode?: string;
  errorMessage?: string;
}

/** Who did it, from where, to what, and how it ended; secrets in the parameters are redacted. */
export async function recordAuditEvent(caller: Partial<Caller> & Pick<Caller, 'source' | 'requestId'>, record: AuditRecord): Promise<void> {
  await getDb()
    .insert(auditEvents)
    .values({
      userId: caller.userId ?? null,
      username: caller.username ?? null,
      accessKeyId: caller.accessKeyId ?? null,
      sourceIp: caller.sourceIp ?? null,
      userAgent: caller.userAgent?.slice(0, 512) ?? null,
      eventSource: caller.source,
      action: record.action,
      resources: record.resources ?? [],
      requestParameters: (redactParameters(record.requestParameters ?? {}) ?? {}) as Record<string, unknown>,
      result: record.result,
      errorCode: record.errorCode ?? null,
      errorMessage: record.errorMessage?.slice(0, 1000) ?? null,
      requestId: caller.requestId,
    });
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
