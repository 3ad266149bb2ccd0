import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, index } from 'drizzle-orm/pg-core';

/**
 * An SSM document (AWS: `Document`): a name with numbered versions. Built-in documents (AWS's
 * "Amazon-owned" ones, named like AWS's) are seeded at start and read-only.
 */
export const documents = pgTable(
  'documents',
  {
    name: text('name').primaryKey(),
    documentType: text('document_type').notNull(),
    /** 'Amazon' for built-ins (as AWS shows them), the account id for documents users create. */
    owner: text('owner').notNull(),
    isBuiltin: boolean('is_builtin').notNull().default(false),
    displayName: text('display_name'),
    targetType: text('target_type'),
    defaultVersion: integer('default_version').notNull().default(1),
    latestVersion: integer('latest_version').notNull().default(1),
    tags: jsonb('tags').$type<Record<string, string>>().notNull().default({}),
    /** Accounts the document is shared with (ModifyDocumentPermission); kept for later, always empty now. */
    sharedWith: jsonb('shared_with').$type<string[]>().notNull().default([]),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('documents_type_idx').on(t.documentType, t.name), index('documents_owner_idx').on(t.owner, t.name)],
);

export const documentVersions = pgTable(
  'document_versions',
  {
    name: text('name')
      .notNull()
      .references(() => documents.name, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    versionName: text('version_name'),
    content: text('content').notNull(),
    documentFormat: text('document_format').notNull(),
    schemaVersion: text('schema_version'),
    description: text('description'),
    /** SHA-256 of the content, as AWS's DocumentDescription.Hash. */
    hash: text('hash').notNull(),
    /** What DescribeDocument shows: [{Name, Type, Description, DefaultValue}]. */
    parameters: jsonb('parameters').$type<{ Name: string; Type: string; Description?: string; DefaultValue?: string }[]>().notNull().default([]),
    platformTypes: jsonb('platform_types').$type<string[]>().notNull().default([]),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.name, t.version] })],
);

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentVersionRow = typeof documentVersions.$inferSelect;
