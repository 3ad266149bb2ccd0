import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { CommandStep, PluginResult } from '@/agent/protocol';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** AWS's Command.Status values. */
export const COMMAND_STATUSES = ['Pending', 'InProgress', 'Success', 'Cancelled', 'Failed', 'TimedOut', 'Cancelling'] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];
/** AWS's CommandInvocation.Status values (StatusDetails says more: Terminated, Undeliverable, DeliveryTimedOut...). */
export const INVOCATION_STATUSES = ['Pending', 'InProgress', 'Delayed', 'Success', 'Cancelled', 'TimedOut', 'Failed', 'Cancelling'] as const;
export type InvocationStatus = (typeof INVOCATION_STATUSES)[number];

/** A Run Command command: one document run on a set of targets, with rate and error control. */
export const commands = pgTable(
  'commands',
  {
    id: uuid('id').primaryKey(),
    documentName: text('document_name').notNull(),
    documentVersion: text('document_version').notNull(),
    documentHash: text('document_hash').notNull(),
    comment: text('comment').notNull().default(''),
    /** As given (name → list of strings), for ListCommands; secure references stay references. */
    parameters: jsonb('parameters').$type<Record<string, string[]>>().notNull().default({}),
    /** The document's steps with parameters substituted; `{{ssm:...}}` references are resolved per delivery. */
    steps: jsonb('steps').$type<CommandStep[]>().notNull(),
    targets: jsonb('targets').$type<{ Key: string; Values: string[] }[]>().notNull().default([]),
    instanceIds: jsonb('instance_ids').$type<string[]>().notNull().default([]),
    maxConcurrency: text('max_concurrency').notNull(),
    maxErrors: text('max_errors').notNull(),
    /** MaxConcurrency / MaxErrors as numbers of nodes, fixed when the command is sent. */
    concurrencyLimit: integer('concurrency_limit').notNull(),
    errorLimit: integer('error_limit').notNull(),
    timeoutSeconds: integer('timeout_seconds').notNull(),
    executionTimeoutSeconds: integer('execution_timeout_seconds').notNull(),
    runAs: text('run_as'),
    status: text('status').$type<CommandStatus>().notNull().default('Pending'),
    statusDetails: text('status_details').notNull().default('Pending'),
    targetCount: integer('target_count').notNull(),
    completedCount: integer('completed_count').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    deliveryTimedOutCount: integer('delivery_timed_out_count').notNull().default(0),
    /** CancelCommand without InstanceIds: the whole command ends Cancelled. */
    isCancelRequested: boolean('is_cancel_requested').notNull().default(false),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    /** After this, every invocation not yet finished is DeliveryTimedOut (AWS's ExpiresAfter). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('commands_requested_idx').on(t.requestedAt, t.id), index('commands_active_idx').on(t.status, t.expiresAt)],
);

/** One node's copy of a command (AWS: command invocation). */
export const commandInvocations = pgTable(
  'command_invocations',
  {
    id: uuid('id').primaryKey(),
    commandId: uuid('command_id')
      .notNull()
      .references(() => commands.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    nodeName: text('node_name').notNull().default(''),
    /** Dispatch order within the command (targets in id order). */
    seq: integer('seq').notNull(),
    status: text('status').$type<InvocationStatus>().notNull().default('Pending'),
    statusDetails: text('status_details').notNull().default('Pending'),
    responseCode: integer('response_code').notNull().default(-1),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    /** When the agent acknowledged (journalled) the invocation. */
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** Node clock, as the agent reported it. */
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    endedAt: timestamp('ended_at', { withTimezone: true, precision: 3 }),
    plugins: jsonb('plugins').$type<PluginResult[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('command_invocations_command_node').on(t.commandId, t.nodeId),
    index('command_invocations_command_status_idx').on(t.commandId, t.status, t.seq),
    index('command_invocations_node_status_idx').on(t.nodeId, t.status),
  ],
);

/**
 * Output exactly as the node wrote it, by byte offset per step and stream. The agent may resend a
 * range with other chunk boundaries; readers take each byte once (see server/runcommand/output.ts).
 */
export const commandOutput = pgTable(
  'command_output',
  {
    invocationId: uuid('invocation_id')
      .notNull()
      .references(() => commandInvocations.id, { onDelete: 'cascade' }),
    plugin: smallint('plugin').notNull(),
    stream: text('stream').$type<'stdout' | 'stderr'>().notNull(),
    offset: bigint('offset', { mode: 'number' }).notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.invocationId, t.plugin, t.stream, t.offset] })],
);

export type CommandRow = typeof commands.$inferSelect;
export type InvocationRow = typeof commandInvocations.$inferSelect;
