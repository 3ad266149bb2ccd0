import { pgTable, text, timestamp, jsonb, bigserial, index, uuid } from 'drizzle-orm/pg-core';

/**
 * CloudTrail-like audit trail. Append-only: a trigger (migration 0002) refuses UPDATE and DELETE
 * for every database user the server connects as, administrators included.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventTime: timestamp('event_time', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id'),
    username: text('username'),
    accessKeyId: text('access_key_id'),
    sourceIp: text('source_ip'),
    userAgent: text('user_agent'),
    eventSource: text('event_source').$type<'console' | 'api' | 'agent' | 'system'>().notNull(),
    action: text('action').notNull(),
    resources: jsonb('resources').$type<string[]>().notNull().default([]),
    requestParameters: jsonb('request_parameters').$type<Record<string, unknown>>().notNull().default({}),
    result: text('result').$type<'Success' | 'Failure'>().notNull(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    requestId: text('request_id').notNull(),
  },
  (t) => [
    index('audit_events_time_idx').on(t.eventTime),
    index('audit_events_user_idx').on(t.username, t.eventTime),
    index('audit_events_action_idx').on(t.action, t.eventTime),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
