import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const KEY_STATES = ['Enabled', 'Disabled', 'PendingDeletion'] as const;
export type KeyState = (typeof KEY_STATES)[number];

/** KMS's KeyManager: `AWS` for the install's default key (alias/aws/ssm), `CUSTOMER` for keys users create. */
export const KEY_MANAGERS = ['AWS', 'CUSTOMER'] as const;
export type KeyManager = (typeof KEY_MANAGERS)[number];

/**
 * A KMS-style symmetric key. The key material lives in `key_versions` (one row per rotation,
 * encrypted with the install's master key); this row holds the metadata KMS's DescribeKey shows.
 */
export const keys = pgTable(
  'keys',
  {
    id: uuid('id').primaryKey(),
    arn: text('arn').notNull().unique(),
    description: text('description').notNull().default(''),
    state: text('state').$type<KeyState>().notNull().default('Enabled'),
    /** Set while PendingDeletion: when deleteDueKeys() removes the key for good. */
    deletionDate: timestamp('deletion_date', { withTimezone: true }),
    keyManager: text('key_manager').$type<KeyManager>().notNull(),
    rotationEnabled: boolean('rotation_enabled').notNull().default(false),
    rotationPeriodDays: integer('rotation_period_days').notNull().default(365),
    nextRotationDate: timestamp('next_rotation_date', { withTimezone: true }),
    /** The version encrypt uses; every version up to it still decrypts. */
    currentVersion: integer('current_version').notNull().default(1),
    tags: jsonb('tags').$type<Record<string, string>>().notNull().default({}),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('keys_state_deletion_idx').on(t.state, t.deletionDate)],
);

/**
 * Key material per version: 32 random bytes, stored only as `encryptSecret(masterKey, base64,
 * 'kms-key:<keyId>:<version>')` so a row copied onto another key or version fails to unwrap.
 */
export const keyVersions = pgTable(
  'key_versions',
  {
    keyId: uuid('key_id')
      .notNull()
      .references(() => keys.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    encryptedMaterial: text('encrypted_material').notNull(),
    /** 'Automatic' (scheduled rotation), 'OnDemand' or null for the first version, as KMS's ListKeyRotations. */
    rotationType: text('rotation_type'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.version] })],
);

/** `alias/...` names pointing at a key; `alias/aws/...` belong to AWS-managed keys only. */
export const keyAliases = pgTable(
  'key_aliases',
  {
    name: text('name').primaryKey(),
    keyId: uuid('key_id')
      .notNull()
      .references(() => keys.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('key_aliases_key_idx').on(t.keyId)],
);

export type KeyRow = typeof keys.$inferSelect;
export type KeyVersionRow = typeof keyVersions.$inferSelect;
export type KeyAliasRow = typeof keyAliases.$inferSelect;
