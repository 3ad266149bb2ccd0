import { pgTable, text, timestamp, uuid, jsonb, boolean, primaryKey, integer, index } from 'drizzle-orm/pg-core';
import { users } from './users';

export const groups = pgTable('groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

/** IAM-style JSON policies; built-in ones are seeded at start and cannot be edited. */
export const policies = pgTable('policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  document: jsonb('document').notNull(),
  isBuiltin: boolean('is_builtin').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const PRINCIPAL_TYPES = ['user', 'group'] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

export const policyAttachments = pgTable(
  'policy_attachments',
  {
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    principalType: text('principal_type').$type<PrincipalType>().notNull(),
    // A user or group id; no FK because it points at one of two tables. Deleting a user or group
    // deletes its attachments in the same transaction (server/identity/).
    principalId: uuid('principal_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.policyId, t.principalType, t.principalId] }), index('policy_attachments_principal_idx').on(t.principalType, t.principalId)],
);

/**
 * API access keys. SigV4 needs the secret itself to recompute signatures, so it is stored
 * encrypted with the install's master key (envelope encryption), never in plain text.
 */
export const accessKeys = pgTable('access_keys', {
  id: text('id').primaryKey(), // the access key id, e.g. AKIA...
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretEncrypted: text('secret_encrypted').notNull(),
  status: text('status').$type<'Active' | 'Inactive'>().notNull().default('Active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});

/** Failed sign-ins per user name and per source IP, for throttling (shared by all replicas). */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(), // 'user:<name>' or 'ip:<address>'
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
});
