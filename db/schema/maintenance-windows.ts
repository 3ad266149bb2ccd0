import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * AWS's MaintenanceWindowExecutionStatus, plus SKIPPED: Opsdeck records an occurrence that did not
 * run (a CLOSED change calendar, or a window missed while no server ran) with the reason in its
 * status details, where AWS would leave no trace.
 */
export const MAINTENANCE_WINDOW_STATUSES = [
  'PENDING',
  'IN_PROGRESS',
  'SUCCESS',
  'FAILED',
  'TIMED_OUT',
  'CANCELLING',
  'CANCELLED',
  'SKIPPED_OVERLAPPING',
  'SKIPPED',
] as const;
export type MaintenanceWindowStatus = (typeof MAINTENANCE_WINDOW_STATUSES)[number];
export const TERMINAL_MAINTENANCE_WINDOW_STATUSES: readonly MaintenanceWindowStatus[] = ['SUCCESS', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'SKIPPED_OVERLAPPING', 'SKIPPED'];

/** WEBHOOK is Opsdeck's stand-in for AWS's LAMBDA and STEP_FUNCTIONS task types. */
export const MAINTENANCE_WINDOW_TASK_TYPES = ['RUN_COMMAND', 'AUTOMATION', 'WEBHOOK'] as const;
export type MaintenanceWindowTaskType = (typeof MAINTENANCE_WINDOW_TASK_TYPES)[number];
export type MaintenanceWindowResourceType = 'INSTANCE' | 'RESOURCE_GROUP';
export type MaintenanceWindowCutoffBehavior = 'CONTINUE_TASK' | 'CANCEL_TASK';

export interface WindowTarget {
  Key: string;
  Values: string[];
}

/** What a task runs with, per type (AWS's TaskInvocationParameters, in Opsdeck's words). */
export interface TaskInvocation {
  parameters: Record<string, string[]>;
  documentVersion?: string;
  /** RUN_COMMAND only. */
  comment?: string;
  timeoutSeconds?: number;
  /** WEBHOOK only: JSON text sent as the payload's `payload` member. */
  payload?: string;
  /** WEBHOOK only: the HMAC secret, encrypted with the key service (never plaintext at rest). */
  secretCiphertext?: string;
}

/** Who registered a task: it runs with this user's permissions, as AWS's tasks run with a service role. */
export interface TaskRunner {
  userId: string;
  username: string;
}

export const maintenanceWindows = pgTable(
  'maintenance_windows',
  {
    /** `mw-` and 17 hex digits, as AWS's. */
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    schedule: text('schedule').notNull(),
    scheduleTimezone: text('schedule_timezone'),
    scheduleOffset: integer('schedule_offset'),
    /** Hours. */
    duration: integer('duration').notNull(),
    /** Hours before the end when no new task starts. */
    cutoff: integer('cutoff').notNull(),
    startDate: timestamp('start_date', { withTimezone: true }),
    endDate: timestamp('end_date', { withTimezone: true }),
    isEnabled: boolean('is_enabled').notNull().default(true),
    allowUnassociatedTargets: boolean('allow_unassociated_targets').notNull().default(false),
    /** Change calendars that must all be OPEN for an occurrence to run. */
    calendarNames: jsonb('calendar_names').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('maintenance_windows_name_idx').on(t.name, t.id)],
);

export const maintenanceWindowTargets = pgTable(
  'maintenance_window_targets',
  {
    id: uuid('id').primaryKey(),
    windowId: text('window_id')
      .notNull()
      .references(() => maintenanceWindows.id, { onDelete: 'cascade' }),
    resourceType: text('resource_type').$type<MaintenanceWindowResourceType>().notNull(),
    targets: jsonb('targets').$type<WindowTarget[]>().notNull(),
    ownerInformation: text('owner_information'),
    name: text('name'),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('maintenance_window_targets_window_idx').on(t.windowId, t.createdAt)],
);

export const maintenanceWindowTasks = pgTable(
  'maintenance_window_tasks',
  {
    id: uuid('id').primaryKey(),
    windowId: text('window_id')
      .notNull()
      .references(() => maintenanceWindows.id, { onDelete: 'cascade' }),
    taskType: text('task_type').$type<MaintenanceWindowTaskType>().notNull(),
    /** The document (RUN_COMMAND), the runbook (AUTOMATION) or the URL (WEBHOOK). */
    taskArn: text('task_arn').notNull(),
    /** `WindowTargetIds` or `InstanceIds`; empty for untargeted AUTOMATION and WEBHOOK tasks. */
    targets: jsonb('targets').$type<WindowTarget[]>().notNull().default([]),
    priority: integer('priority').notNull().default(1),
    maxConcurrency: text('max_concurrency'),
    maxErrors: text('max_errors'),
    cutoffBehavior: text('cutoff_behavior').$type<MaintenanceWindowCutoffBehavior>().notNull().default('CONTINUE_TASK'),
    invocation: jsonb('invocation').$type<TaskInvocation>().notNull(),
    name: text('name'),
    description: text('description'),
    registeredBy: jsonb('registered_by').$type<TaskRunner>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('maintenance_window_tasks_window_idx').on(t.windowId, t.priority)],
);

/** One occurrence of a window: run, skipped, or missed, with the reason. */
export const maintenanceWindowExecutions = pgTable(
  'maintenance_window_executions',
  {
    id: uuid('id').primaryKey(),
    windowId: text('window_id')
      .notNull()
      .references(() => maintenanceWindows.id, { onDelete: 'cascade' }),
    /** The occurrence the schedule named; one execution per occurrence. */
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    /** No task starts at or after this instant (start + Duration − Cutoff). */
    cutoffAt: timestamp('cutoff_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status').$type<MaintenanceWindowStatus>().notNull().default('PENDING'),
    statusDetails: text('status_details').notNull().default(''),
    /** Set by whoever saw something change; the driver holding the execution looks again. */
    isWakeRequested: boolean('is_wake_requested').notNull().default(false),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('maintenance_window_executions_occurrence_idx').on(t.windowId, t.scheduledAt),
    index('maintenance_window_executions_window_idx').on(t.windowId, t.createdAt),
    index('maintenance_window_executions_status_idx').on(t.status),
  ],
);

/** One task in one window execution, with the task as it was when the execution began. */
export const maintenanceWindowTaskExecutions = pgTable(
  'maintenance_window_task_executions',
  {
    id: uuid('id').primaryKey(),
    windowExecutionId: uuid('window_execution_id')
      .notNull()
      .references(() => maintenanceWindowExecutions.id, { onDelete: 'cascade' }),
    windowId: text('window_id').notNull(),
    taskId: uuid('task_id').notNull(),
    taskName: text('task_name'),
    taskType: text('task_type').$type<MaintenanceWindowTaskType>().notNull(),
    taskArn: text('task_arn').notNull(),
    priority: integer('priority').notNull(),
    targets: jsonb('targets').$type<WindowTarget[]>().notNull(),
    maxConcurrency: text('max_concurrency').notNull(),
    maxErrors: text('max_errors').notNull(),
    cutoffBehavior: text('cutoff_behavior').$type<MaintenanceWindowCutoffBehavior>().notNull(),
    invocation: jsonb('invocation').$type<TaskInvocation>().notNull(),
    runAs: jsonb('run_as').$type<TaskRunner>().notNull(),
    status: text('status').$type<MaintenanceWindowStatus>().notNull().default('PENDING'),
    statusDetails: text('status_details').notNull().default(''),
    /** RUN_COMMAND: chosen and stored before SendCommand, so a restart never sends twice. */
    commandId: uuid('command_id'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('maintenance_window_task_executions_execution_idx').on(t.windowExecutionId, t.priority),
    index('maintenance_window_task_executions_command_idx').on(t.commandId),
  ],
);

/** One target of a task execution: a node's command invocation, an automation run, a webhook call. */
export const maintenanceWindowInvocations = pgTable(
  'maintenance_window_invocations',
  {
    id: uuid('id').primaryKey(),
    taskExecutionId: uuid('task_execution_id')
      .notNull()
      .references(() => maintenanceWindowTaskExecutions.id, { onDelete: 'cascade' }),
    windowExecutionId: uuid('window_execution_id').notNull(),
    seq: integer('seq').notNull(),
    /** The command id (RUN_COMMAND) or automation execution id (AUTOMATION), chosen before starting. */
    executionId: text('execution_id'),
    /** The node, when the invocation has one. */
    resourceId: text('resource_id'),
    windowTargetId: uuid('window_target_id'),
    ownerInformation: text('owner_information'),
    /** What was sent, as JSON text (AWS's Parameters member). */
    parameters: text('parameters').notNull().default(''),
    status: text('status').$type<MaintenanceWindowStatus>().notNull().default('PENDING'),
    statusDetails: text('status_details').notNull().default(''),
    /** The first part of the output: stdout, the runbook's failure, the webhook's response body. */
    output: text('output').notNull().default(''),
    /** WEBHOOK: the HTTP status the endpoint answered with. */
    responseStatus: integer('response_status'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('maintenance_window_invocations_seq_idx').on(t.taskExecutionId, t.seq),
    index('maintenance_window_invocations_execution_idx').on(t.executionId),
  ],
);

export type MaintenanceWindowRow = typeof maintenanceWindows.$inferSelect;
export type MaintenanceWindowTargetRow = typeof maintenanceWindowTargets.$inferSelect;
export type MaintenanceWindowTaskRow = typeof maintenanceWindowTasks.$inferSelect;
export type MaintenanceWindowExecutionRow = typeof maintenanceWindowExecutions.$inferSelect;
export type MaintenanceWindowTaskExecutionRow = typeof maintenanceWindowTaskExecutions.$inferSelect;
export type MaintenanceWindowInvocationRow = typeof maintenanceWindowInvocations.$inferSelect;
