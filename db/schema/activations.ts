import { pgTable, text, timestamp, uuid, integer, jsonb } from 'drizzle-orm/pg-core';
import { users } from './users';

/** A hybrid activation: the code/id pair an operator hands to agents so they can register. */
export const activations = pgTable('activations', {
  id: uuid('id').primaryKey().defaultRandom(),
  // Only the SHA-256 of the code is kept: the code is shown once, like AWS's.
  codeHash: text('code_hash').notNull(),
  description: text('description').notNull().default(''),
  defaultInstanceName: text('default_instance_name'),
  // AWS requires a role here; nodes have no cloud role in Opsdeck, but the name is kept and shown
  // so scripts written for AWS keep working and can still tell activations apart by it.
  iamRole: text('iam_role'),
  registrationLimit: integer('registration_limit').notNull(),
  registrationsCount: integer('registrations_count').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  tags: jsonb('tags').$type<Record<string, string>>().notNull().default({}),
  /** Region and account given to every node that registers with this activation. */
  region: text('region'),
  account: text('account'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Activation = typeof activations.$inferSelect;
