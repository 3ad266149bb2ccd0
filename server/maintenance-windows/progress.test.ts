import { describe, expect, it } from 'vitest';
import { CANCELLED_AT_CUTOFF, CUTOFF_DETAILS, executionOutcome, nextStep, occurrenceDecision, substitutePseudoParameters, type TaskState } from './progress';
import { upcomingOccurrences, windowBounds } from './schedule';
import { signWebhook } from './webhook-task';

const at = new Date('2026-03-01T02:00:00Z');
const minutes = (n: number) => new Date(at.getTime() + n * 60_000);
const task = (id: string, priority: number, status: TaskState['status'] = 'PENDING', statusDetails = ''): TaskState => ({ id, priority, status, statusDetails });

describe('occurrenceDecision', () => {
  const { cutoffAt } = windowBounds({ duration: 3, cutoff: 1 }, at);

  it('runs an occurrence on time, and one fired late while the window is still open to new tasks', () => {
    expect(occurrenceDecision({ at, now: minutes(0), cutoffAt })).toEqual({ shouldRun: true });
    expect(occurrenceDecision({ at, now: minutes(119), cutoffAt })).toEqual({ shouldRun: true });
  });

  it('records an occurrence missed while no server ran as SKIPPED once the cutoff passed, and says so', () => {
    const decision = occurrenceDecision({ at, now: minutes(120), cutoffAt });
    expect(decision).toMatchObject({ shouldRun: false, status: 'SKIPPED' });
    expect(!decision.shouldRun && decision.details).toMatch(/^Missed: no Opsdeck server was running at 2026-03-01T02:00:00.000Z.*cutoff \(2026-03-01T04:00:00.000Z\)/);
  });

  it('skips an occurrence while the previous execution of the window still runs', () => {
    expect(occurrenceDecision({ at, now: minutes(1), cutoffAt, runningExecutionId: 'e-1' })).toMatchObject({ shouldRun: false, status: 'SKIPPED_OVERLAPPING' });
  });
});

describe('nextStep', () => {
  const cutoffAt = minutes(60);

  it('starts the lowest priority group, all its tasks together', () => {
    expect(nextStep([task('a', 1), task('b', 2), task('c', 1)], minutes(0), cutoffAt)).toEqual({ kind: 'start', taskIds: ['a', 'c'] });
  });

  it('waits for every task of a group before the next one starts', () => {
    expect(nextStep([task('a', 1, 'SUCCESS'), task('c', 1, 'IN_PROGRESS'), task('b', 2)], minutes(5), cutoffAt)).toEqual({ kind: 'wait' });
    expect(nextStep([task('a', 1, 'SUCCESS'), task('c', 1, 'FAILED'), task('b', 2)], minutes(5), cutoffAt)).toEqual({ kind: 'start', taskIds: ['b'] });
  });

  it('starts nothing at or after the cutoff: every task not started is named', () => {
    expect(nextStep([task('a', 1, 'SUCCESS'), task('b', 2), task('c', 3)], cutoffAt, cutoffAt)).toEqual({ kind: 'cutoff', taskIds: ['b', 'c'] });
  });

  it('finishes when every task ended', () => {
    expect(nextStep([task('a', 1, 'SUCCESS'), task('b', 2, 'CANCELLED')], minutes(1), cutoffAt)).toEqual({ kind: 'finish' });
    expect(nextStep([], minutes(1), cutoffAt)).toEqual({ kind: 'finish' });
  });
});

describe('executionOutcome', () => {
  it('succeeds when every task did, and with no tasks', () => {
    expect(executionOutcome([task('a', 1, 'SUCCESS')]).status).toBe('SUCCESS');
    expect(executionOutcome([]).status).toBe('SUCCESS');
  });

  it('fails when a task failed or timed out', () => {
    expect(executionOutcome([task('a', 1, 'SUCCESS'), task('b', 2, 'TIMED_OUT')])).toEqual({ status: 'FAILED', details: '1 of 2 tasks failed' });
  });

  it('times out when the cutoff left tasks unstarted', () => {
    expect(executionOutcome([task('a', 1, 'SUCCESS'), task('b', 2, 'CANCELLED', `${CUTOFF_DETAILS} at x`)])).toEqual({
      status: 'TIMED_OUT',
      details: "1 task not started: the window's cutoff passed",
    });
    expect(executionOutcome([task('a', 1, 'CANCELLED', `${CANCELLED_AT_CUTOFF}; Command c: Cancelled`), task('b', 2, 'CANCELLED', `${CUTOFF_DETAILS} at x`)])).toEqual({
      status: 'TIMED_OUT',
      details: "1 task not started: the window's cutoff passed; 1 task cancelled at the cutoff",
    });
  });
});

describe('schedule of a window', () => {
  const window = { schedule: 'cron(0 2 ? * SUN *)', scheduleTimezone: 'Europe/Berlin', scheduleOffset: null, startDate: null, endDate: null, isEnabled: true, createdAt: at };

  it('has no occurrence while disabled, before StartDate or after EndDate', () => {
    expect(upcomingOccurrences({ ...window, isEnabled: false }, at, 3)).toEqual([]);
    const start = new Date('2026-04-01T00:00:00Z');
    expect(upcomingOccurrences({ ...window, startDate: start }, at, 1)[0]!.toISOString()).toBe('2026-04-05T00:00:00.000Z');
    expect(upcomingOccurrences({ ...window, endDate: new Date('2026-03-10T00:00:00Z') }, at, 5).map((date) => date.toISOString())).toEqual(['2026-03-08T01:00:00.000Z']);
  });

  it('counts a rate from StartDate, or from creation', () => {
    const rate = { ...window, schedule: 'rate(2 hours)', scheduleTimezone: null };
    expect(upcomingOccurrences(rate, minutes(30), 1)[0]!.toISOString()).toBe('2026-03-01T04:00:00.000Z');
  });
});

describe('task parameters and webhook signatures', () => {
  it("substitutes AWS's pseudo parameters and leaves others as they are", () => {
    expect(substitutePseudoParameters({ commands: ['echo {{ WINDOW_ID }} {{TARGET_ID}} {{ssm:/x}}'] }, { WINDOW_ID: 'mw-1', TARGET_ID: 'mi-2' })).toEqual({ commands: ['echo mw-1 mi-2 {{ssm:/x}}'] });
  });

  it('signs the timestamp and body with HMAC-SHA256, as a receiver recomputes it', () => {
    // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'shh-this-is-a-secret'
    expect(signWebhook('shh-this-is-a-secret', '1700000000', '{"a":1}')).toBe('sha256=f67f458357e6ae6ef6e190d5a833ca9e98e84c34511004cceea03afaacda5be8');
  });
});
