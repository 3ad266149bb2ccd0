import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Facts about this installation decided once at first start (account id, ...). */
export const installSettings = pgTable('install_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
