import { pgTable, text, timestamp, uuid, jsonb, unique } from 'drizzle-orm/pg-core';
import { users } from './users';

export const RESOURCE_GROUP_KINDS = ['TagQuery', 'Static'] as const;
export type ResourceGroupKind = (typeof RESOURCE_GROUP_KINDS)[number];

/**
 * A named set of nodes, usable as a target (`resource-groups:Name`) like AWS Resource Groups:
 * a tag query (every key must match one of its values; membership follows tags at once) or a
 * static list of node ids.
 */
export const resourceGroups = pgTable('resource_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  kind: text('kind').$type<ResourceGroupKind>().notNull(),
  tagQuery: jsonb('tag_query').$type<Record<string, string[]>>().notNull().default({}),
  nodeIds: jsonb('node_ids').$type<string[]>().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ResourceGroup = typeof resourceGroups.$inferSelect;

/** Fleet Manager filters a user saved by name; `query` is the URL query string of the filter. */
export const savedFilters = pgTable(
  'saved_filters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    query: text('query').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('saved_filters_user_name').on(t.userId, t.name)],
);
