import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import {
  maintenanceWindowExecutions,
  maintenanceWindows,
  maintenanceWindowTaskExecutions,
  scheduleStates,
  TERMINAL_MAINTENANCE_WINDOW_STATUSES,
  type MaintenanceWindowRow,
  type MaintenanceWindowStatus,
} from '@/db/schema';
import { getDb } from '@/server/context';
import type { Occurrence } from '@/server/schedules/runner';
import { reschedule } from '@/server/schedules/runner';
import { closedCalendarReason } from './calendar';
import { driveExecution } from './drive';
import { EXECUTION_KIND } from './kinds';
import { occurrenceDecision } from './progress';
import { windowBounds } from './schedule';
import { windowTasks } from './tasks';

/** Defaults for tasks registered without them, as SendCommand's. */
const DEFAULT_MAX_CONCURRENCY = '50';
const DEFAULT_MAX_ERRORS = '0';

async function runningExecutionOf(windowId: string): Promise<string | undefined> {
  const [running] = await getDb()
    .select({ id: maintenanceWindowExecutions.id })
    .from(maintenanceWindowExecutions)
    .where(and(eq(maintenanceWindowExecutions.windowId, windowId), notInArray(maintenanceWindowExecutions.status, [...TERMINAL_MAINTENANCE_WINDOW_STATUSES])));
  return running?.id;
}

/** An occurrence that does not run is a row too, with the reason, so the history says why nothing happened. */
async function recordSkipped(window: MaintenanceWindowRow, at: Date, status: MaintenanceWindowStatus, details: string): Promise<void> {
  const now = new Date();
  await getDb()
    .insert(maintenanceWindowExecutions)
    .values({ id: randomUUID(), windowId: window.id, scheduledAt: at, ...windowBounds(window, at), status, statusDetails: details, startedAt: now, endedAt: now })
    .onConflictDoNothing();
}

/** The execution and a PENDING row per task, the tasks frozen as they are now, in one transaction. */
async function createExecution(window: MaintenanceWindowRow, at: Date): Promise<string | undefined> {
  const tasks = await windowTasks(window.id);
  const id = randomUUID();
  return getDb().transaction(async (tx) => {
    const [created] = await tx
      .insert(maintenanceWindowExecutions)
      .values({ id, windowId: window.id, scheduledAt: at, ...windowBounds(window, at), status: 'PENDING', statusDetails: 'Pending' })
      .onConflictDoNothing()
      .returning({ id: maintenanceWindowExecutions.id });
    if (!created) return undefined;
    if (tasks.length > 0) {
      await tx.insert(maintenanceWindowTaskExecutions).values(
        tasks.map((task) => ({
          id: randomUUID(),
          windowExecutionId: id,
          windowId: window.id,
          taskId: task.id,
          taskName: task.name,
          taskType: task.taskType,
          taskArn: task.taskArn,
          priority: task.priority,
          targets: task.targets,
          maxConcurrency: task.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
          maxErrors: task.maxErrors ?? DEFAULT_MAX_ERRORS,
          cutoffBehavior: task.cutoffBehavior,
          invocation: task.invocation,
          runAs: task.registeredBy,
          statusDetails: 'Pending',
        })),
      );
    }
    return id;
  });
}

/** Driver rows of executions that ended stay behind with no next look; they go here. */
async function forgetEndedExecutions(): Promise<void> {
  const db = getDb();
  const ended = db.select({ id: scheduleStates.entityId }).from(scheduleStates).where(and(eq(scheduleStates.kind, EXECUTION_KIND), isNull(scheduleStates.nextAt)));
  await db.delete(scheduleStates).where(and(eq(scheduleStates.kind, EXECUTION_KIND), inArray(scheduleStates.entityId, ended)));
}

/**
 * Fires one occurrence of a window, once (the runner sees to that). Whether it runs: the window
 * is enabled, not past its cutoff (a late occurrence after a restart still runs while the window
 * is open to new tasks, and is recorded as missed after), not overlapping the previous execution,
 * and every change calendar it names is OPEN.
 */
export async function fireWindowOccurrence(windowId: string, occurrence: Occurrence): Promise<void> {
  const [window] = await getDb().select().from(maintenanceWindows).where(eq(maintenanceWindows.id, windowId));
  if (!window || !window.isEnabled) return;
  await forgetEndedExecutions();
  const { at } = occurrence;
  const decision = occurrenceDecision({ at, now: new Date(), cutoffAt: windowBounds(window, at).cutoffAt, runningExecutionId: await runningExecutionOf(window.id) });
  if (!decision.shouldRun) return recordSkipped(window, at, decision.status, decision.details);
  const closed = await closedCalendarReason(window.calendarNames, at);
  if (closed) return recordSkipped(window, at, 'SKIPPED', closed);
  const executionId = await createExecution(window, at);
  if (!executionId) return;
  await reschedule(EXECUTION_KIND, executionId);
  await driveExecution(executionId);
}
