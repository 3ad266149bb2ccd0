import type { CommandStatus, InvocationStatus } from '@/db/schema';

export const TERMINAL_INVOCATION_STATUSES: InvocationStatus[] = ['Success', 'Cancelled', 'TimedOut', 'Failed'];
export const isTerminalInvocation = (status: InvocationStatus) => TERMINAL_INVOCATION_STATUSES.includes(status);

/** One command's invocations counted by status and status details. */
export interface InvocationCounts {
  total: number;
  byStatus: Partial<Record<InvocationStatus, number>>;
  /** ExecutionTimedOut, DeliveryTimedOut, Terminated, Undeliverable... */
  byDetails: Record<string, number>;
}

export interface CommandProgress {
  status: CommandStatus;
  statusDetails: string;
  completedCount: number;
  /** Failed plus ExecutionTimedOut: what MaxErrors counts. */
  errorCount: number;
  deliveryTimedOutCount: number;
  /** True once errors went past MaxErrors: nothing more is sent. */
  isErrorLimitExceeded: boolean;
}

/**
 * AWS's command status from its invocations (Understanding command statuses):
 * errors (Failed, Execution Timed Out) beyond MaxErrors stop the command and fail it; delivery
 * timeouts never count as errors but make an otherwise successful command Incomplete (or Delivery
 * Timed Out when there are more than MaxErrors of them).
 */
export function commandProgress(counts: InvocationCounts, errorLimit: number, isCancelRequested: boolean): CommandProgress {
  const count = (status: InvocationStatus) => counts.byStatus[status] ?? 0;
  const details = (name: string) => counts.byDetails[name] ?? 0;
  const executionTimedOut = details('ExecutionTimedOut');
  const deliveryTimedOut = details('DeliveryTimedOut');
  const errorCount = count('Failed') + executionTimedOut;
  const completedCount = TERMINAL_INVOCATION_STATUSES.reduce((sum, status) => sum + count(status), 0);
  const isErrorLimitExceeded = errorCount > errorLimit;
  const isDone = completedCount === counts.total;
  const base = { completedCount, errorCount, deliveryTimedOutCount: deliveryTimedOut, isErrorLimitExceeded };

  if (!isDone) {
    if (isCancelRequested) return { ...base, status: 'Cancelling', statusDetails: 'Cancelling' };
    const hasStarted = completedCount > 0 || count('InProgress') > 0 || count('Cancelling') > 0;
    return { ...base, status: hasStarted ? 'InProgress' : 'Pending', statusDetails: hasStarted ? 'InProgress' : 'Pending' };
  }
  if (isCancelRequested && count('Cancelled') > 0) return { ...base, status: 'Cancelled', statusDetails: 'Cancelled' };
  if (count('Success') === counts.total) return { ...base, status: 'Success', statusDetails: 'Success' };
  if (isErrorLimitExceeded) {
    if (count('Failed') === 0 && executionTimedOut > 0) return { ...base, status: 'TimedOut', statusDetails: 'ExecutionTimedOut' };
    return { ...base, status: 'Failed', statusDetails: 'Failed' };
  }
  if (deliveryTimedOut > errorLimit && deliveryTimedOut === counts.total - count('Success')) {
    return { ...base, status: 'TimedOut', statusDetails: 'DeliveryTimedOut' };
  }
  return { ...base, status: 'Failed', statusDetails: 'Incomplete' };
}
