import { and, eq, notInArray } from 'drizzle-orm';
import { automationExecutions, TERMINAL_AUTOMATION_STATUSES } from '@/db/schema';
import { getDb } from '@/server/context';
import { processSlot } from '@/server/process-slot';
import { scheduler } from '@/server/scheduler';

/** The pg-boss queue of execution wake-ups (sleeps ending, timeouts, re-checks). */
export const WAKE_QUEUE = 'automation-wake';

export interface Driver {
  drive(executionId: string): Promise<void>;
}

const driverSlot = processSlot<Driver>('automation-driver');

export function setAutomationDriver(driver: Driver | undefined): void {
  driverSlot.set(driver);
}

export function automationDriver(): Driver | undefined {
  return driverSlot.get();
}

/**
 * Something an execution waits for has changed (a signal, a child finishing, a stop). The flag is
 * set first, so an engine that is about to park the execution sees it and looks again.
 */
export async function requestWake(executionId: string): Promise<void> {
  await getDb()
    .update(automationExecutions)
    .set({ isWakeRequested: true })
    .where(and(eq(automationExecutions.id, executionId), notInArray(automationExecutions.status, [...TERMINAL_AUTOMATION_STATUSES])));
  const driver = automationDriver();
  if (driver) void driver.drive(executionId);
  else await scheduler()?.send(WAKE_QUEUE, { executionId });
}
