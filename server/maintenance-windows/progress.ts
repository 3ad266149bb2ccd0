import type { CommandStatus, InvocationStatus, MaintenanceWindowStatus } from '@/db/schema';
import { TERMINAL_MAINTENANCE_WINDOW_STATUSES } from '@/db/schema';

/**
 * The decisions of a window execution, as pure functions: whether an occurrence runs, which
 * priority group goes next, and how the execution ends. The driver (drive.ts) reads rows, asks
 * here, and writes what it was told.
 */

export const isTerminalStatus = (status: MaintenanceWindowStatus) => TERMINAL_MAINTENANCE_WINDOW_STATUSES.includes(status);

/** Said of every task that did not start because the window closed to new tasks. */
export const CUTOFF_DETAILS = "Not started: the window's cutoff passed";
/** Said of a running task stopped at the cutoff because its CutoffBehavior is CANCEL_TASK. */
export const CANCELLED_AT_CUTOFF = "Cancelled at the window's cutoff (CutoffBehavior CANCEL_TASK)";

export type OccurrenceDecision = { shouldRun: true } | { shouldRun: false; status: 'SKIPPED' | 'SKIPPED_OVERLAPPING'; details: string };

/**
 * What a fired occurrence does. A server that was down when it came (or a queue that was late)
 * still runs it while the window is open to new tasks; past the cutoff it is recorded as missed.
 * An execution of the same window still running makes it SKIPPED_OVERLAPPING, as AWS does.
 */
export function occurrenceDecision(input: { at: Date; now: Date; cutoffAt: Date; runningExecutionId?: string }): OccurrenceDecision {
  const { at, now, cutoffAt, runningExecutionId } = input;
  if (now >= cutoffAt) {
    return {
      shouldRun: false,
      status: 'SKIPPED',
      details: `Missed: no Opsdeck server was running at ${at.toISOString()}, and by ${now.toISOString()} the window had passed its cutoff (${cutoffAt.toISOString()})`,
    };
  }
  if (runningExecutionId) {
    return { shouldRun: false, status: 'SKIPPED_OVERLAPPING', details: `The previous execution ${runningExecutionId} of this window was still running` };
  }
  return { shouldRun: true };
}

export interface TaskState {
  id: string;
  priority: number;
  status: MaintenanceWindowStatus;
  statusDetails: string;
}

export type NextStep =
  | { kind: 'finish' }
  | { kind: 'wait' }
  | { kind: 'start'; taskIds: string[] }
  /** The cutoff passed before these could start: all tasks not yet started. */
  | { kind: 'cutoff'; taskIds: string[] };

/**
 * Priority groups run in order, lowest first; the tasks of one group run in parallel, and a group
 * starts when every task of the one before has ended. No group starts at or after the cutoff.
 */
export function nextStep(tasks: TaskState[], now: Date, cutoffAt: Date): NextStep {
  const open = tasks.filter((task) => !isTerminalStatus(task.status));
  if (open.length === 0) return { kind: 'finish' };
  const priority = Math.min(...open.map((task) => task.priority));
  const group = open.filter((task) => task.priority === priority);
  if (group.some((task) => task.status !== 'PENDING')) return { kind: 'wait' };
  if (now >= cutoffAt) return { kind: 'cutoff', taskIds: open.filter((task) => task.status === 'PENDING').map((task) => task.id) };
  return { kind: 'start', taskIds: group.map((task) => task.id) };
}

/**
 * How a window execution ends, from its tasks' ends: TIMED_OUT when the cutoff left work undone
 * (tasks not started, or stopped by CANCEL_TASK), else FAILED when a task failed or timed out.
 */
export function executionOutcome(tasks: TaskState[]): { status: MaintenanceWindowStatus; details: string } {
  const count = (predicate: (task: TaskState) => boolean) => tasks.filter(predicate).length;
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (tasks.length === 0) return { status: 'SUCCESS', details: 'The window has no tasks' };
  const failed = count((task) => task.status === 'FAILED' || task.status === 'TIMED_OUT');
  const notStarted = count((task) => task.status === 'CANCELLED' && task.statusDetails.startsWith(CUTOFF_DETAILS));
  const stoppedAtCutoff = count((task) => task.status === 'CANCELLED' && task.statusDetails.startsWith(CANCELLED_AT_CUTOFF));
  const cancelled = count((task) => task.status === 'CANCELLED') - notStarted - stoppedAtCutoff;
  const parts = [
    notStarted > 0 && `${plural(notStarted, 'task')} not started: the window's cutoff passed`,
    stoppedAtCutoff > 0 && `${plural(stoppedAtCutoff, 'task')} cancelled at the cutoff`,
    failed > 0 && `${failed} of ${plural(tasks.length, 'task')} failed`,
    cancelled > 0 && `${plural(cancelled, 'task')} cancelled`,
  ].filter((part): part is string => typeof part === 'string');
  if (notStarted + stoppedAtCutoff > 0) return { status: 'TIMED_OUT', details: parts.join('; ') };
  if (failed > 0) return { status: 'FAILED', details: parts.join('; ') };
  if (cancelled > 0) return { status: 'CANCELLED', details: parts.join('; ') };
  return { status: 'SUCCESS', details: `${plural(tasks.length, 'task')} succeeded` };
}

const COMMAND_TO_WINDOW: Record<InvocationStatus | CommandStatus, MaintenanceWindowStatus> = {
  Pending: 'PENDING',
  InProgress: 'IN_PROGRESS',
  Delayed: 'IN_PROGRESS',
  Success: 'SUCCESS',
  Failed: 'FAILED',
  TimedOut: 'TIMED_OUT',
  Cancelling: 'CANCELLING',
  Cancelled: 'CANCELLED',
};

/** Run Command's and Automation's statuses in the window's words. */
export function windowStatusOf(status: string): MaintenanceWindowStatus {
  if (status === 'Waiting') return 'IN_PROGRESS';
  return COMMAND_TO_WINDOW[status as CommandStatus] ?? 'IN_PROGRESS';
}

/** AWS's pseudo parameters for task parameters: {{WINDOW_ID}}, {{TARGET_ID}}, … */
export function substitutePseudoParameters(parameters: Record<string, string[]>, values: Record<string, string | undefined>): Record<string, string[]> {
  const replace = (text: string) => text.replace(/\{\{\s*([A-Z_]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
  return Object.fromEntries(Object.entries(parameters).map(([name, list]) => [name, list.map(replace)]));
}
