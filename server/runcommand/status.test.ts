import { describe, expect, it } from 'vitest';
import { resolveRate } from './limits';
import { commandProgress, type InvocationCounts } from './status';

const counts = (byStatus: InvocationCounts['byStatus'], byDetails: Record<string, number> = {}): InvocationCounts => ({
  total: Object.values(byStatus).reduce((sum, n) => sum + (n ?? 0), 0),
  byStatus,
  byDetails,
});

describe('resolveRate', () => {
  it('takes numbers and percentages of the target count, rounding percentages up', () => {
    expect(resolveRate('MaxConcurrency', '2', 6)).toBe(2);
    expect(resolveRate('MaxConcurrency', '100%', 1000)).toBe(1000);
    expect(resolveRate('MaxConcurrency', '10%', 6)).toBe(1);
    expect(resolveRate('MaxErrors', '0', 6)).toBe(0);
    expect(resolveRate('MaxErrors', '50%', 5)).toBe(3);
  });
  it('keeps at least one node running, but lets MaxErrors be zero', () => {
    expect(resolveRate('MaxConcurrency', '0', 6)).toBe(1);
    expect(resolveRate('MaxErrors', '0%', 6)).toBe(0);
  });
  it('names the member and the bad value', () => {
    expect(() => resolveRate('MaxErrors', 'ten', 6)).toThrow("MaxErrors: 'ten' is neither a number like 10 nor a percentage like 10%");
    expect(() => resolveRate('MaxConcurrency', '150%', 6)).toThrow('MaxConcurrency');
  });
});

describe('commandProgress', () => {
  it('is Pending until something was sent, then InProgress', () => {
    expect(commandProgress(counts({ Pending: 3 }), 0, false).status).toBe('Pending');
    expect(commandProgress(counts({ Pending: 2, InProgress: 1 }), 0, false).status).toBe('InProgress');
  });
  it('succeeds only when every invocation succeeded', () => {
    expect(commandProgress(counts({ Success: 3 }), 0, false)).toMatchObject({ status: 'Success', completedCount: 3, errorCount: 0 });
  });
  it('fails once errors pass MaxErrors, and counts execution timeouts as errors', () => {
    const progress = commandProgress(counts({ Success: 1, Failed: 1, TimedOut: 1, Cancelled: 3 }, { ExecutionTimedOut: 1, Terminated: 3 }), 1, false);
    expect(progress).toMatchObject({ status: 'Failed', statusDetails: 'Failed', errorCount: 2, isErrorLimitExceeded: true });
  });
  it('does not count delivery timeouts as errors but calls the command Incomplete', () => {
    const progress = commandProgress(counts({ Success: 2, TimedOut: 1 }, { DeliveryTimedOut: 1 }), 1, false);
    expect(progress).toMatchObject({ status: 'Failed', statusDetails: 'Incomplete', errorCount: 0, deliveryTimedOutCount: 1 });
  });
  it('is Delivery Timed Out when more than MaxErrors nodes never got it and none failed', () => {
    expect(commandProgress(counts({ TimedOut: 2 }, { DeliveryTimedOut: 2 }), 0, false)).toMatchObject({ status: 'TimedOut', statusDetails: 'DeliveryTimedOut' });
  });
  it('is Cancelling while cancelled invocations finish, then Cancelled', () => {
    expect(commandProgress(counts({ Cancelling: 1, Cancelled: 1 }), 0, true).status).toBe('Cancelling');
    expect(commandProgress(counts({ Success: 1, Cancelled: 1 }), 0, true).status).toBe('Cancelled');
  });
});
