import { eq } from 'drizzle-orm';
import { maintenanceWindows, maintenanceWindowTaskExecutions } from '@/db/schema';
import { getDb } from '@/server/context';
import { processSlot } from '@/server/process-slot';
import { onCommandFinished } from '@/server/runcommand/events';
import { registerScheduledKind } from '@/server/schedules/runner';
import { driveExecution, isExecutionRunning } from './drive';
import { fireWindowOccurrence } from './fire';
import { EXECUTION_KIND, WINDOW_KIND } from './kinds';
import { upcomingOccurrences } from './schedule';

/** How often a running execution is looked at without a hint (an automation ending, a finish heard by another replica). */
const EXECUTION_LOOK_MS = 5_000;

const listeningSlot = processSlot<() => void>('maintenance-windows-command-listener');

async function nextWindowOccurrence(windowId: string, after: Date): Promise<Date | undefined> {
  const [window] = await getDb().select().from(maintenanceWindows).where(eq(maintenanceWindows.id, windowId));
  return window ? upcomingOccurrences(window, after, 1)[0] : undefined;
}

async function nextExecutionLook(executionId: string, after: Date): Promise<Date | undefined> {
  return (await isExecutionRunning(executionId)) ? new Date(after.getTime() + EXECUTION_LOOK_MS) : undefined;
}

/** A command of a window's RUN_COMMAND task ended: its execution looks at once rather than at its next look. */
async function wakeForCommand(commandId: string): Promise<void> {
  const [task] = await getDb()
    .select({ windowExecutionId: maintenanceWindowTaskExecutions.windowExecutionId })
    .from(maintenanceWindowTaskExecutions)
    .where(eq(maintenanceWindowTaskExecutions.commandId, commandId));
  if (task) await driveExecution(task.windowExecutionId);
}

/**
 * Registers Maintenance Windows with the schedule runner: window occurrences, and the periodic
 * look that carries running executions on (after a restart too). Call once at server start.
 */
export function registerMaintenanceWindowSchedules(): void {
  registerScheduledKind({ kind: WINDOW_KIND, nextOccurrence: nextWindowOccurrence, fire: fireWindowOccurrence });
  registerScheduledKind({ kind: EXECUTION_KIND, nextOccurrence: nextExecutionLook, fire: (executionId) => driveExecution(executionId) });
  listeningSlot.get()?.();
  listeningSlot.set(
    onCommandFinished((commandId) => {
      wakeForCommand(commandId).catch((error: Error) => console.error(`[maintenance-windows] after command ${commandId}: ${error.message}`));
    }),
  );
}
