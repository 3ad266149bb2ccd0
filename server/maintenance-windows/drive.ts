import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  maintenanceWindowExecutions,
  maintenanceWindowTaskExecutions,
  type MaintenanceWindowStatus,
  type MaintenanceWindowTaskExecutionRow,
} from '@/db/schema';
import { getDb } from '@/server/context';
import { automationTask } from './automation-task';
import { CANCELLED_AT_CUTOFF, CUTOFF_DETAILS, executionOutcome, isTerminalStatus, nextStep } from './progress';
import { runCommandTask } from './run-command-task';
import { errorText, type TaskContext, type TaskHandler } from './task-context';
import { webhookTask } from './webhook-task';

/**
 * Drives window executions forward. Every state is a row, so anyone may drive: the schedule
 * runner's periodic look (EXECUTION_KIND, on pg-boss), a command finishing (onCommandFinished), a
 * webhook answering. One driver at a time per execution (an advisory lock); whoever finds it taken
 * leaves a wake flag, and the holder looks again before it lets go.
 */

const HANDLERS: Record<MaintenanceWindowTaskExecutionRow['taskType'], TaskHandler> = { RUN_COMMAND: runCommandTask, AUTOMATION: automationTask, WEBHOOK: webhookTask };
const LOCK_CLASS = 7402;
/** Looks per drive, a guard against a task that never settles. */
const MAX_PASSES = 20;

async function setWakeRequested(executionId: string, value: boolean): Promise<boolean> {
  const updated = await getDb()
    .update(maintenanceWindowExecutions)
    .set({ isWakeRequested: value })
    .where(and(eq(maintenanceWindowExecutions.id, executionId), eq(maintenanceWindowExecutions.isWakeRequested, !value)))
    .returning({ id: maintenanceWindowExecutions.id });
  return updated.length > 0;
}

/**
 * Drives held at once in this process. Each holds a pooled connection for its lock while its work
 * takes others; a cap keeps a burst of occurrences (every window at 02:00 on Sunday) from taking
 * the whole pool and waiting on itself. Drives past the cap queue here, holding nothing.
 */
const MAX_CONCURRENT_DRIVES = 4;
let activeDrives = 0;
const queuedDrives: (() => void)[] = [];
const driving = new Map<string, Promise<void>>();

async function withDriveSlot(work: () => Promise<void>): Promise<void> {
  if (activeDrives >= MAX_CONCURRENT_DRIVES) await new Promise<void>((resolve) => queuedDrives.push(resolve));
  activeDrives += 1;
  try {
    await work();
  } finally {
    activeDrives -= 1;
    queuedDrives.shift()?.();
  }
}

async function driveHeld(executionId: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const isHeld = await getDb().transaction(async (tx) => {
      const result = await tx.execute(sql`select pg_try_advisory_xact_lock(${LOCK_CLASS}, hashtext(${executionId})) as "isLocked"`);
      if (!(result.rows[0] as { isLocked: boolean }).isLocked) return false;
      for (let pass = 0; pass < MAX_PASSES && (await setWakeRequested(executionId, false)); pass++) await advance(executionId);
      return true;
    });
    if (!isHeld) return;
    // A wake asked for between the holder's last look and its unlock: look again.
    const [row] = await getDb().select({ isWakeRequested: maintenanceWindowExecutions.isWakeRequested }).from(maintenanceWindowExecutions).where(eq(maintenanceWindowExecutions.id, executionId));
    if (!row?.isWakeRequested) return;
  }
}

export async function driveExecution(executionId: string): Promise<void> {
  await setWakeRequested(executionId, true);
  // Already being driven here: the wake flag makes that drive look again.
  const current = driving.get(executionId);
  if (current) return current;
  const drive = withDriveSlot(() => driveHeld(executionId)).finally(() => driving.delete(executionId));
  driving.set(executionId, drive);
  return drive;
}

function wakeLater(executionId: string): () => void {
  return () => void driveExecution(executionId).catch((error: Error) => console.error(`[maintenance-windows] execution ${executionId}: ${error.message}`));
}

async function loadTasks(executionId: string): Promise<MaintenanceWindowTaskExecutionRow[]> {
  return getDb()
    .select()
    .from(maintenanceWindowTaskExecutions)
    .where(eq(maintenanceWindowTaskExecutions.windowExecutionId, executionId))
    .orderBy(asc(maintenanceWindowTaskExecutions.priority), asc(maintenanceWindowTaskExecutions.createdAt), asc(maintenanceWindowTaskExecutions.id));
}

async function setTaskStatus(taskId: string, status: MaintenanceWindowStatus, statusDetails: string, extra: Partial<MaintenanceWindowTaskExecutionRow> = {}): Promise<void> {
  await getDb()
    .update(maintenanceWindowTaskExecutions)
    .set({ status, statusDetails, ...extra, ...(isTerminalStatus(status) ? { endedAt: new Date() } : {}) })
    .where(eq(maintenanceWindowTaskExecutions.id, taskId));
}

/** One look at an execution: follow running tasks, cancel at the cutoff if asked, start the next group, or end. */
async function advance(executionId: string): Promise<void> {
  const [execution] = await getDb().select().from(maintenanceWindowExecutions).where(eq(maintenanceWindowExecutions.id, executionId));
  if (!execution || isTerminalStatus(execution.status)) return;
  const now = new Date();
  if (execution.status === 'PENDING') {
    await getDb().update(maintenanceWindowExecutions).set({ status: 'IN_PROGRESS', startedAt: now }).where(eq(maintenanceWindowExecutions.id, executionId));
  }
  const context: TaskContext = { execution, now, wake: wakeLater(executionId) };
  for (const task of await loadTasks(executionId)) {
    if (task.status === 'IN_PROGRESS' || task.status === 'CANCELLING') await followTask(task, context);
  }
  const tasks = await loadTasks(executionId);
  const step = nextStep(tasks, now, execution.cutoffAt);
  if (step.kind === 'start') {
    await Promise.all(tasks.filter((task) => step.taskIds.includes(task.id)).map((task) => startTask(task, context)));
    // Tasks that ended as they started (nothing to do, refused) let the next group go now.
    await setWakeRequested(executionId, true);
  } else if (step.kind === 'cutoff') {
    const details = `${CUTOFF_DETAILS} at ${execution.cutoffAt.toISOString()}`;
    await getDb()
      .update(maintenanceWindowTaskExecutions)
      .set({ status: 'CANCELLED', statusDetails: details, endedAt: now })
      .where(and(inArray(maintenanceWindowTaskExecutions.id, step.taskIds), eq(maintenanceWindowTaskExecutions.status, 'PENDING')));
    await setWakeRequested(executionId, true);
  } else if (step.kind === 'finish') {
    const outcome = executionOutcome(tasks);
    await getDb()
      .update(maintenanceWindowExecutions)
      .set({ status: outcome.status, statusDetails: outcome.details, endedAt: now })
      .where(eq(maintenanceWindowExecutions.id, executionId));
  }
}

async function followTask(task: MaintenanceWindowTaskExecutionRow, context: TaskContext): Promise<void> {
  const handler = HANDLERS[task.taskType];
  let isCancelling = task.status === 'CANCELLING';
  if (task.status === 'IN_PROGRESS' && task.cutoffBehavior === 'CANCEL_TASK' && context.now >= context.execution.cutoffAt) {
    await setTaskStatus(task.id, 'CANCELLING', `${CANCELLED_AT_CUTOFF}: cancelling`);
    await handler.cancel(task);
    isCancelling = true;
  }
  try {
    const outcome = await handler.progress(isCancelling ? { ...task, status: 'CANCELLING' } : task, context);
    if (!outcome) return;
    const details = isCancelling && outcome.status === 'CANCELLED' ? `${CANCELLED_AT_CUTOFF}; ${outcome.details}` : outcome.details;
    await setTaskStatus(task.id, outcome.status, details);
  } catch (error) {
    // A fault of ours, not the task's: logged, and looked at again on the next pass.
    console.error(`[maintenance-windows] task execution ${task.id}: ${errorText(error)}`);
  }
}

/** PENDING → IN_PROGRESS first (with the command id it will use), then the work: a restart resumes from the row. */
async function startTask(task: MaintenanceWindowTaskExecutionRow, context: TaskContext): Promise<void> {
  const [claimed] = await getDb()
    .update(maintenanceWindowTaskExecutions)
    .set({ status: 'IN_PROGRESS', statusDetails: 'In progress', startedAt: context.now, commandId: task.taskType === 'RUN_COMMAND' ? randomUUID() : null })
    .where(and(eq(maintenanceWindowTaskExecutions.id, task.id), eq(maintenanceWindowTaskExecutions.status, 'PENDING')))
    .returning();
  if (claimed) await followTask(claimed, context);
}

/** Running executions, for the runner's look after a restart. */
export async function isExecutionRunning(executionId: string): Promise<boolean> {
  const [row] = await getDb().select({ status: maintenanceWindowExecutions.status }).from(maintenanceWindowExecutions).where(eq(maintenanceWindowExecutions.id, executionId));
  return row !== undefined && !isTerminalStatus(row.status);
}
