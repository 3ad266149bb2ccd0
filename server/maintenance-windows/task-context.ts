import { and, asc, eq, sql } from 'drizzle-orm';
import {
  maintenanceWindowInvocations,
  type MaintenanceWindowExecutionRow,
  type MaintenanceWindowInvocationRow,
  type MaintenanceWindowStatus,
  type MaintenanceWindowTaskExecutionRow,
} from '@/db/schema';
import { getDb } from '@/server/context';
import { isOpsdeckError } from '@/server/errors';
import { isTerminalStatus } from './progress';

/** What a task handler is given each time the driver looks at one of its running tasks. */
export interface TaskContext {
  execution: MaintenanceWindowExecutionRow;
  now: Date;
  /** Asks the driver to look at the execution again (work that ends outside the driver: a webhook call). */
  wake: () => void;
}

/** A task's end, or undefined while it runs. */
export type TaskOutcome = { status: MaintenanceWindowStatus; details: string } | undefined;

export interface TaskHandler {
  /**
   * Starts the task's work if it has not started (after a restart, again without doing anything
   * twice), brings its invocations up to date, and says how it ended once it has.
   */
  progress(task: MaintenanceWindowTaskExecutionRow, context: TaskContext): Promise<TaskOutcome>;
  /** CutoffBehavior CANCEL_TASK: stop what runs; progress() then reports the cancelled end. */
  cancel(task: MaintenanceWindowTaskExecutionRow): Promise<void>;
}

/** The first part of an output the history keeps (the whole of it stays in Run Command or Automation). */
export const OUTPUT_EXCERPT = 2_500;

export const failedOutcome = (details: string): TaskOutcome => ({ status: 'FAILED', details });

export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return isOpsdeckError(error) ? `${error.code}: ${message}` : message;
}

/** The AWS pseudo parameters a task's parameters may use. */
export function pseudoParameters(task: MaintenanceWindowTaskExecutionRow, resourceId?: string | null, windowTargetId?: string | null): Record<string, string | undefined> {
  return {
    WINDOW_ID: task.windowId,
    WINDOW_TASK_ID: task.taskId,
    WINDOW_EXECUTION_ID: task.windowExecutionId,
    TASK_EXECUTION_ID: task.id,
    TARGET_ID: resourceId ?? undefined,
    RESOURCE_ID: resourceId ?? undefined,
    TARGET_TYPE: resourceId ? 'INSTANCE' : undefined,
    WINDOW_TARGET_ID: windowTargetId ?? undefined,
  };
}

export async function taskInvocations(taskExecutionId: string): Promise<MaintenanceWindowInvocationRow[]> {
  return getDb().select().from(maintenanceWindowInvocations).where(eq(maintenanceWindowInvocations.taskExecutionId, taskExecutionId)).orderBy(asc(maintenanceWindowInvocations.seq));
}

/** Records an invocation's new state; an invocation that already ended keeps its end. */
export async function updateInvocation(
  id: string,
  change: { status: MaintenanceWindowStatus; statusDetails?: string; output?: string; responseStatus?: number | null; startedAt?: Date | null; endedAt?: Date | null },
): Promise<boolean> {
  const set = { ...change, endedAt: change.endedAt !== undefined ? change.endedAt : isTerminalStatus(change.status) ? sql`coalesce(${maintenanceWindowInvocations.endedAt}, now())` : undefined };
  const updated = await getDb()
    .update(maintenanceWindowInvocations)
    .set(set)
    .where(and(eq(maintenanceWindowInvocations.id, id), sql`${maintenanceWindowInvocations.status} not in ('SUCCESS', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'SKIPPED')`))
    .returning({ id: maintenanceWindowInvocations.id });
  return updated.length > 0;
}
