import { describe, expect, it } from 'vitest';
import { eventCountAt, formatClock, parseStartTime, planSeek, stepsFor } from './playback';
import type { CastEvent } from './asciicast';

const events: CastEvent[] = [
  { time: 0.5, code: 'o', data: 'a' },
  { time: 1, code: 'o', data: 'b' },
  { time: 1, code: 'i', data: 'x' },
  { time: 2, code: 'r', data: '100x30' },
  { time: 3, code: 'o', data: 'c' },
  { time: 3.5, code: 'r', data: 'bogus' },
  { time: 4, code: 'o', data: 'd' },
];

describe('eventCountAt', () => {
  it.each([
    [0, 0],
    [0.5, 1],
    [0.99, 1],
    [1, 3],
    [2.5, 4],
    [4, 7],
    [99, 7],
  ])('at %s s, %s events are on screen', (time, count) => {
    expect(eventCountAt(events, time)).toBe(count);
  });
});

describe('planSeek', () => {
  it('plays on from where the screen is when seeking forward', () => {
    expect(planSeek(events, 1, 3)).toEqual({ isReset: false, from: 1, to: 5 });
    expect(planSeek(events, 5, 3)).toEqual({ isReset: false, from: 5, to: 5 });
  });

  it('starts again from a clear screen when seeking back', () => {
    expect(planSeek(events, 5, 1)).toEqual({ isReset: true, from: 0, to: 3 });
    expect(planSeek(events, 5, 0)).toEqual({ isReset: true, from: 0, to: 0 });
  });
});

describe('stepsFor', () => {
  it('joins output into one write per stretch between resizes, and leaves input out', () => {
    expect(stepsFor(events, 0, events.length)).toEqual([
      { kind: 'write', data: 'ab' },
      { kind: 'resize', cols: 100, rows: 30 },
      { kind: 'write', data: 'cd' },
    ]);
  });

  it('plays only the range asked for', () => {
    expect(stepsFor(events, 4, 5)).toEqual([{ kind: 'write', data: 'c' }]);
    expect(stepsFor(events, 3, 3)).toEqual([]);
    expect(stepsFor(events, 6, 50)).toEqual([{ kind: 'write', data: 'd' }]);
  });
});

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [7.9, '0:07'],
    [750, '12:30'],
    [3723, '1:02:03'],
    [-4, '0:00'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatClock(seconds)).toBe(text);
  });
});

describe('parseStartTime', () => {
  it.each([
    ['12.5', 12.5],
    [null, 0],
    ['-3', 0],
    ['soon', 0],
    ['Infinity', 0],
  ])('%j → %s', (value, seconds) => {
    expect(parseStartTime(value)).toBe(seconds);
  });
});
