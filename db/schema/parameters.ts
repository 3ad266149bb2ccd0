import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, bigserial } from 'drizzle-orm/pg-core';

export interface ParameterPolicyState {
  PolicyText: string;
  PolicyType: 'Expiration' | 'ExpirationNotification' | 'NoChangeNotification';
  PolicyStatus: 'Pending' | 'Finished' | 'Failed';
}

/**
 * A Parameter Store parameter: one row per parameter with its newest version inlined, so a read
 * is one primary-key lookup. `name_key` is the identity: `/Name` and `Name` are one top-level
 * parameter, as in AWS, while `name` keeps the spelling it was created with.
 */
export const parameters = pgTable(
  'parameters',
  {
    nameKey: text('name_key').primaryKey(),
    name: text('name').notNull(),
    /** The hierarchy the parameter sits in: `/a/b` for `/a/b/c`, `/` for a top-level name. */
    parentPath: text('parent_path').notNull(),
    type: text('type').$type<'String' | 'StringList' | 'SecureString'>().notNull(),
    /** For String and StringList the value itself; for SecureString the envelope from server/keys. */
    value: text('value').notNull(),
    /** SecureString only: the ARN of the key that encrypted the newest version. */
    keyId: text('key_id'),
    version: integer('version').notNull(),
    description: text('description'),
    allowedPattern: text('allowed_pattern'),
    tier: text('tier').$type<'Standard' | 'Advanced'>().notNull(),
    dataType: text('data_type').notNull().default('text'),
    policies: jsonb('policies').$type<ParameterPolicyState[]>().notNull().default([]),
    tags: jsonb('tags').$type<Record<string, string>>().notNull().default({}),
    lastModifiedAt: timestamp('last_modified_at', { withTimezone: true }).notNull().defaultNow(),
    lastModifiedUser: text('last_modified_user').notNull(),
  },
  (t) => [index('parameters_parent_idx').on(t.parentPath, t.nameKey), index('parameters_name_prefix_idx').using('btree', t.nameKey.op('text_pattern_ops'))],
);

/** Every kept version (the newest 100), labels included; a label lives on one version at a time. */
export const parameterVersions = pgTable(
  'parameter_versions',
  {
    nameKey: text('name_key')
      .notNull()
      .references(() => parameters.nameKey, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    type: text('type').$type<'String' | 'StringList' | 'SecureString'>().notNull(),
    value: text('value').notNull(),
    keyId: text('key_id'),
    description: text('description'),
    allowedPattern: text('allowed_pattern'),
    tier: text('tier').$type<'Standard' | 'Advanced'>().notNull(),
    dataType: text('data_type').notNull().default('text'),
    policies: jsonb('policies').$type<ParameterPolicyState[]>().notNull().default([]),
    labels: text('labels').array().notNull().default([]),
    modifiedAt: timestamp('modified_at', { withTimezone: true }).notNull().defaultNow(),
    modifiedUser: text('modified_user').notNull(),
  },
  (t) => [primaryKey({ columns: [t.nameKey, t.version] })],
);

/**
 * What the platform noticed on its own (EventBridge's place in AWS): parameter policy
 * notifications now, other capabilities later. Append-only.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    time: timestamp('time', { withTimezone: true }).notNull().defaultNow(),
    source: text('source').notNull(),
    detailType: text('detail_type').notNull(),
    resources: jsonb('resources').$type<string[]>().notNull().default([]),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('events_time_idx').on(t.time), index('events_resources_idx').using('gin', t.resources)],
);
