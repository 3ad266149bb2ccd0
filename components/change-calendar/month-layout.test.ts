import { describe, expect, it } from 'vitest';
import { daysCovered, layoutWeeks, monthDays, parseMonth, shiftMonth } from './month-layout';

describe('monthDays', () => {
  it('shows six weeks from the Monday on or before the 1st, with today marked', () => {
    const weeks = monthDays(2026, 12, '2026-12-01');
    expect(weeks).toHaveLength(6);
    expect(weeks[0]![0]).toEqual({ date: '2026-11-30', dayOfMonth: 30, isInMonth: false, isToday: false });
    expect(weeks[0]![1]).toEqual({ date: '2026-12-01', dayOfMonth: 1, isInMonth: true, isToday: true });
    expect(weeks[5]![6]).toEqual({ date: '2027-01-10', dayOfMonth: 10, isInMonth: false, isToday: false });
  });

  it('starts on the 1st when the month begins on a Monday', () => {
    expect(monthDays(2026, 6, '')[0]![0]!.date).toBe('2026-06-01');
  });
});

describe('layoutWeeks', () => {
  const weeks = monthDays(2026, 12, '2026-12-01');

  it('splits an event across the weeks it spans, saying it continues', () => {
    const [first, second] = layoutWeeks(weeks, [{ item: 'freeze', firstDay: '2026-12-05', lastDay: '2026-12-09' }]);
    expect(first!.bars).toEqual([{ item: 'freeze', column: 5, span: 2, lane: 0, continuesBefore: false, continuesAfter: true }]);
    expect(second!.bars).toEqual([{ item: 'freeze', column: 0, span: 3, lane: 0, continuesBefore: true, continuesAfter: false }]);
  });

  it('puts overlapping events in separate lanes and counts what does not fit', () => {
    const inputs = ['a', 'b', 'c', 'd'].map((item) => ({ item, firstDay: '2026-12-02', lastDay: '2026-12-03' }));
    inputs.push({ item: 'e', firstDay: '2026-12-04', lastDay: '2026-12-04' });
    const [week] = layoutWeeks(weeks, inputs, 3);
    expect(week!.bars.map((bar) => [bar.item, bar.lane])).toEqual([['a', 0], ['b', 1], ['c', 2], ['e', 0]]);
    expect(week!.hiddenCounts).toEqual([0, 0, 1, 1, 0, 0, 0]);
  });
});

describe('daysCovered', () => {
  it('does not count the day an event ends at midnight', () => {
    expect(daysCovered(new Date('2026-12-01T08:00:00Z'), new Date('2026-12-03T00:00:00Z'), false, 'UTC', 'UTC')).toEqual({ firstDay: '2026-12-01', lastDay: '2026-12-02' });
  });

  it('reads all-day events in the calendar\'s zone, timed ones in the viewer\'s', () => {
    const start = new Date('2026-12-23T23:00:00Z');
    const end = new Date('2026-12-26T23:00:00Z');
    expect(daysCovered(start, end, true, 'Europe/Berlin', 'America/New_York')).toEqual({ firstDay: '2026-12-24', lastDay: '2026-12-26' });
    expect(daysCovered(start, end, false, 'Europe/Berlin', 'America/New_York')).toEqual({ firstDay: '2026-12-23', lastDay: '2026-12-26' });
  });
});

describe('months', () => {
  it('reads ?month= and moves across years', () => {
    expect(parseMonth('2026-12', new Date())).toEqual({ year: 2026, month: 12 });
    expect(parseMonth('2026-13', new Date('2026-03-15T12:00:00Z'))).toEqual({ year: 2026, month: 3 });
    expect(shiftMonth(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth(2027, 1, -1)).toEqual({ year: 2026, month: 12 });
  });
});
