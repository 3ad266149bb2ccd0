import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const ASSOCIATION_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNSPECIFIED'] as const;
export type AssociationSeverity = (typeof ASSOCIATION_SEVERITIES)[number];
/** An association run's overall status, as AWS's DescribeAssociationExecutions reports it. */
export const ASSOCIATION_RUN_STATUSES = ['Pending', 'InProgress', 'Success', 'Failed', 'Skipped'] as const;
export type AssociationRunStatus = (typeof ASSOCIATION_RUN_STATUSES)[number];
export type AssociationTrigger = 'Create' | 'Update' | 'Schedule' | 'Manual' | 'NewTarget';

/** What an association is, at one version (AWS keeps every version; ListAssociationVersions). */
export interface AssociationSettings {
  name: string | null;
  documentName: string;
  documentVersion: string | null;
  parameters: Record<string, string[]>;
  targets: { Key: string; Values: string[] }[];
  scheduleExpression: string | null;
  scheduleOffset: number | null;
  applyOnlyAtCronInterval: boolean;
  maxConcurrency: string;
  maxErrors: string;
  complianceSeverity: AssociationSeverity;
  automationTargetParameterName: string | null;
  calendarNames: string[];
}

/** A State Manager association: a document kept applied to a set of targets, on a schedule or once. */
export const associations = pgTable(
  'associations',
  {
    id: uuid('id').primaryKey(),
    name: text('name'),
    documentName: text('document_name').notNull(),
    documentVersion: text('document_version'),
    /** Command, Policy (run like a Command) or Automation, fixed from the document at create/update. */
    documentType: text('document_type').$type<'Command' | 'Automation' | 'Policy'>().notNull(),
    parameters: jsonb('parameters').$type<Record<string, string[]>>().notNull().default({}),
    targets: jsonb('targets').$type<{ Key: string; Values: string[] }[]>().notNull(),
    scheduleExpression: text('schedule_expression'),
    scheduleOffset: integer('schedule_offset'),
    applyOnlyAtCronInterval: boolean('apply_only_at_cron_interval').notNull().default(false),
    maxConcurrency: text('max_concurrency').notNull().default('100%'),
    maxErrors: text('max_errors').notNull().default('100%'),
    complianceSeverity: text('compliance_severity').$type<AssociationSeverity>().notNull().default('UNSPECIFIED'),
    automationTargetParameterName: text('automation_target_parameter_name'),
    calendarNames: jsonb('calendar_names').$type<string[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    /** Runs act with this user's permissions (every call they make is audited as it). */
    createdBy: jsonb('created_by').$type<{ userId: string; username: string }>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastExecutionAt: timestamp('last_execution_at', { withTimezone: true }),
    lastSuccessfulExecutionAt: timestamp('last_successful_execution_at', { withTimezone: true }),
  },
  (t) => [index('associations_document_idx').on(t.documentName), index('associations_created_idx').on(t.createdAt, t.id)],
);

export const associationVersions = pgTable(
  'association_versions',
  {
    associationId: uuid('association_id')
      .notNull()
      .references(() => associations.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    settings: jsonb('settings').$type<AssociationSettings>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.associationId, t.version] })],
);

/** One run of an association (AWS's AssociationExecution). */
export const associationExecutions = pgTable(
  'association_executions',
  {
    id: uuid('id').primaryKey(),
    associationId: uuid('association_id')
      .notNull()
      .references(() => associations.id, { onDelete: 'cascade' }),
    associationVersion: integer('association_version').notNull(),
    trigger: text('trigger').$type<AssociationTrigger>().notNull(),
    status: text('status').$type<AssociationRunStatus>().notNull().default('Pending'),
    detailedStatus: text('detailed_status').notNull().default('Pending'),
    /** Why it was skipped or failed before reaching any node, in words. */
    reason: text('reason'),
    commandId: uuid('command_id'),
    automationExecutionId: uuid('automation_execution_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('association_executions_association_idx').on(t.associationId, t.createdAt),
    index('association_executions_command_idx').on(t.commandId),
    index('association_executions_status_idx').on(t.status),
  ],
);

/** One node's part in an association run (AWS's AssociationExecutionTarget). */
export const associationExecutionTargets = pgTable(
  'association_execution_targets',
  {
    executionId: uuid('execution_id')
      .notNull()
      .references(() => associationExecutions.id, { onDelete: 'cascade' }),
    associationId: uuid('association_id').notNull(),
    resourceId: text('resource_id').notNull(),
    status: text('status').notNull(),
    detailedStatus: text('detailed_status').notNull(),
    /** The command's output for that node, first lines (the whole of it is in Run Command). */
    outputExcerpt: text('output_excerpt').notNull().default(''),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.executionId, t.resourceId] }), index('association_targets_node_idx').on(t.associationId, t.resourceId, t.endedAt)],
);

export type AssociationRow = typeof associations.$inferSelect;
export type AssociationExecutionRow = typeof associationExecutions.$inferSelect;
export type AssociationExecutionTargetRow = typeof associationExecutionTargets.$inferSelect;
