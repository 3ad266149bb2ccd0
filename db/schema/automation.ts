import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** AWS's AutomationExecutionStatus values Opsdeck uses (steps share them). */
export const AUTOMATION_STATUSES = ['Pending', 'InProgress', 'Waiting', 'Success', 'TimedOut', 'Cancelling', 'Cancelled', 'Failed'] as const;
export type AutomationStatus = (typeof AUTOMATION_STATUSES)[number];
export const TERMINAL_AUTOMATION_STATUSES: readonly AutomationStatus[] = ['Success', 'TimedOut', 'Cancelled', 'Failed'];

/** A runbook as frozen at start: later edits of the document never change a running execution. */
export interface FrozenRunbook {
  description?: string;
  parameters?: Record<string, unknown>;
  mainSteps: Record<string, unknown>[];
  outputs?: string[];
}

/** Who started an execution; its API steps act with this identity's permissions. */
export interface ExecutionCaller {
  userId: string;
  username: string;
}

/**
 * One run of an Automation runbook. Every field the engine needs to carry on after a crash is
 * here or on its step rows: a server that dies mid-run resumes from these rows alone.
 */
export const automationExecutions = pgTable(
  'automation_executions',
  {
    id: uuid('id').primaryKey(),
    documentName: text('document_name').notNull(),
    documentVersion: text('document_version').notNull(),
    runbook: jsonb('runbook').$type<FrozenRunbook>().notNull(),
    /** As given (name → list of strings), secure references kept as references. */
    parameters: jsonb('parameters').$type<Record<string, string[]>>().notNull().default({}),
    /** Parameter values typed by their declarations, defaults filled in. */
    values: jsonb('values').$type<Record<string, unknown>>().notNull().default({}),
    /** `step.Output` → value, as steps finish; what `{{ step.Output }}` reads. */
    stepOutputs: jsonb('step_outputs').$type<Record<string, unknown>>().notNull().default({}),
    /** The runbook's declared `outputs` when it ended (AWS's Outputs: name → list of strings). */
    outputs: jsonb('outputs').$type<Record<string, string[]>>().notNull().default({}),
    mode: text('mode').$type<'Auto' | 'Interactive'>().notNull().default('Auto'),
    status: text('status').$type<AutomationStatus>().notNull().default('Pending'),
    failureMessage: text('failure_message'),
    executedBy: jsonb('executed_by').$type<ExecutionCaller>().notNull(),
    parentId: uuid('parent_id'),
    /** The step of the parent that started this one (aws:executeAutomation), if any. */
    parentStepId: uuid('parent_step_id'),
    /** Rate control: the parent runs one child per target value. */
    targetParameterName: text('target_parameter_name'),
    targets: jsonb('targets').$type<{ Key: string; Values: string[] }[]>(),
    resolvedTargets: jsonb('resolved_targets').$type<string[]>(),
    /** A child's own target value (AWS's Target). */
    target: text('target'),
    maxConcurrency: text('max_concurrency'),
    maxErrors: text('max_errors'),
    concurrencyLimit: integer('concurrency_limit'),
    errorLimit: integer('error_limit'),
    /** The step execution the engine is at. */
    cursorStepId: uuid('cursor_step_id'),
    /** Re-run from a failed step: the first step to run instead of mainSteps[0]. */
    startStepName: text('start_step_name'),
    /** The server instance driving it right now (null when parked). */
    owner: text('owner'),
    /** Set by anyone who changed what the engine waits for; the owner re-checks before parking. */
    isWakeRequested: boolean('is_wake_requested').notNull().default(false),
    /** StopAutomationExecution: Cancel (onCancel steps run) or Complete. */
    stopRequest: text('stop_request').$type<'Cancel' | 'Complete'>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('automation_executions_created_idx').on(t.createdAt, t.id),
    index('automation_executions_status_idx').on(t.status),
    index('automation_executions_parent_idx').on(t.parentId, t.status),
    index('automation_executions_document_idx').on(t.documentName, t.createdAt),
  ],
);

/** Action-private state a step needs to carry on after a crash (command id, wake-up time, decisions...). */
export interface StepState {
  commandId?: string;
  childExecutionId?: string;
  wakeAt?: string;
  /** Set when a non-idempotent attempt starts; finding it set on entry means the server died mid-attempt. */
  inFlightAttempt?: number;
  isResumed?: boolean;
  /** Interactive mode: StartStep arrived for this step. */
  isStartRequested?: boolean;
  /** StopStep arrived: the engine abandons the step and marks it Cancelled. */
  isStopRequested?: boolean;
  decisions?: { username: string; decision: 'Approve' | 'Reject'; comment: string; at: string }[];
  iteration?: number;
  iteratorValues?: unknown[];
  polls?: number;
  nextStep?: string;
  lastObserved?: string;
}

/** One step's run (AWS's StepExecution); a loop's inner steps have one row per iteration. */
export const automationStepExecutions = pgTable(
  'automation_step_executions',
  {
    id: uuid('id').primaryKey(),
    executionId: uuid('execution_id')
      .notNull()
      .references(() => automationExecutions.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    stepName: text('step_name').notNull(),
    action: text('action').notNull(),
    /** The step as written in the runbook. */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    /** The aws:loop step row this one runs inside, and on which iteration. */
    loopStepId: uuid('loop_step_id'),
    iteration: integer('iteration'),
    status: text('status').$type<AutomationStatus>().notNull().default('Pending'),
    attempt: integer('attempt').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(1),
    timeoutSeconds: integer('timeout_seconds'),
    /** Inputs after substitution; secure values stay as their references. */
    inputs: jsonb('inputs').$type<Record<string, unknown>>(),
    outputs: jsonb('outputs').$type<Record<string, unknown>>().notNull().default({}),
    response: jsonb('response').$type<unknown>(),
    state: jsonb('state').$type<StepState>().notNull().default({}),
    failureMessage: text('failure_message'),
    failureType: text('failure_type'),
    /** Set when the engine leaves this step, for the console: where it went and why. */
    nextStepName: text('next_step_name'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** When timeoutSeconds runs out for the current attempt. */
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('automation_steps_execution_idx').on(t.executionId, t.seq), index('automation_steps_command_idx').on(t.status)],
);

export type AutomationExecutionRow = typeof automationExecutions.$inferSelect;
export type AutomationStepRow = typeof automationStepExecutions.$inferSelect;
