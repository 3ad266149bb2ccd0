import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { managedNodes } from './nodes';

/** One inventory type a node reported (AWS:Application, Custom:RackInfo, ...): when and with what hash. */
export const inventoryTypes = pgTable(
  'inventory_types',
  {
    nodeId: text('node_id')
      .notNull()
      .references(() => managedNodes.id, { onDelete: 'cascade' }),
    typeName: text('type_name').notNull(),
    schemaVersion: text('schema_version').notNull(),
    /** When the node collected it (its CaptureTime); the console shows the data's age from this. */
    captureTime: timestamp('capture_time', { withTimezone: true }).notNull(),
    contentHash: text('content_hash').notNull(),
    itemCount: integer('item_count').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.typeName] }), index('inventory_types_type_idx').on(t.typeName, t.nodeId)],
);

/**
 * One entry of a node's inventory type (a package, an interface, a file). `itemKey` identifies it
 * across collections (a package's name and architecture, a file's path) so changes can be told
 * from additions; `data` holds the entry's attributes exactly as reported.
 */
export const inventoryEntries = pgTable(
  'inventory_entries',
  {
    nodeId: text('node_id')
      .notNull()
      .references(() => managedNodes.id, { onDelete: 'cascade' }),
    typeName: text('type_name').notNull(),
    itemKey: text('item_key').notNull(),
    data: jsonb('data').$type<Record<string, string>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.nodeId, t.typeName, t.itemKey] }),
    // Fleet queries: "which nodes have package X", "which nodes run service Y".
    index('inventory_entries_type_key_idx').on(t.typeName, t.itemKey),
    index('inventory_entries_data_idx').using('gin', t.data),
  ],
);

export const INVENTORY_CHANGES = ['Added', 'Changed', 'Removed'] as const;
export type InventoryChange = (typeof INVENTORY_CHANGES)[number];

/** What appeared, changed or disappeared in a node's inventory, and when it was seen. */
export const inventoryHistory = pgTable(
  'inventory_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    nodeId: text('node_id')
      .notNull()
      .references(() => managedNodes.id, { onDelete: 'cascade' }),
    typeName: text('type_name').notNull(),
    itemKey: text('item_key').notNull(),
    change: text('change').$type<InventoryChange>().notNull(),
    before: jsonb('before').$type<Record<string, string>>(),
    after: jsonb('after').$type<Record<string, string>>(),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('inventory_history_node_idx').on(t.nodeId, t.capturedAt, t.id), index('inventory_history_type_idx').on(t.typeName, t.itemKey)],
);
