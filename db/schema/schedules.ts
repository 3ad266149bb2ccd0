import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Where each scheduled thing (an association, a maintenance window) stands: its next occurrence
 * and the last one that fired. Firing claims `last_fired_at` with a conditional update, so one
 * occurrence fires once however many replicas or duplicate queue jobs reach it.
 */
export const scheduleStates = pgTable(
  'schedule_states',
  {
    kind: text('kind').notNull(),
    entityId: text('entity_id').notNull(),
    nextAt: timestamp('next_at', { withTimezone: true }),
    lastFiredAt: timestamp('last_fired_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.entityId] })],
);

export type ScheduleStateRow = typeof scheduleStates.$inferSelect;
