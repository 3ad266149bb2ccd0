import { describe, expect, it } from 'vitest';
import { calendarText, GOOGLE_EXPORT, OUTLOOK_EXPORT } from './fixtures';
import { parseCalendar, type ParsedCalendar } from './ics';
import { occurrencesBetween } from './occurrences';
import { closedReason, evaluateCalendars, isoSeconds, type NamedCalendar } from './state';

function parsed(text: string): ParsedCalendar {
  const result = parseCalendar(text);
  if (!result.ok) throw new Error(result.issues.map((issue) => `line ${issue.line}: ${issue.message}`).join('\n'));
  return result.calendar;
}

function named(name: string, text: string): NamedCalendar {
  return { name, calendar: parsed(text) };
}

/** State and NextTransitionTime of the calendars at an instant, as GetCalendarState answers. */
function stateAt(calendars: NamedCalendar | NamedCalendar[], at: string) {
  const result = evaluateCalendars(Array.isArray(calendars) ? calendars : [calendars], new Date(at));
  return { state: result.state, next: result.nextTransitionTime ? isoSeconds(result.nextTransitionTime) : undefined };
}

const FREEZE = ['SUMMARY:Holiday freeze', 'DTSTART:20261201T080000Z', 'DTEND:20261202T080000Z'];

describe('one calendar', () => {
  it('with no events is always its default, with no transition', () => {
    expect(stateAt(named('open', calendarText('DEFAULT_OPEN', [])), '2026-12-01T00:00:00Z')).toEqual({ state: 'OPEN', next: undefined });
    expect(stateAt(named('closed', calendarText('DEFAULT_CLOSED', [])), '2026-12-01T00:00:00Z')).toEqual({ state: 'CLOSED', next: undefined });
  });

  it('DEFAULT_OPEN is CLOSED from an event\'s start (inclusive) to its end (exclusive)', () => {
    const calendar = named('prod-freeze', calendarText('DEFAULT_OPEN', [FREEZE]));
    expect(stateAt(calendar, '2026-11-30T12:00:00Z')).toEqual({ state: 'OPEN', next: '2026-12-01T08:00:00Z' });
    expect(stateAt(calendar, '2026-12-01T08:00:00Z')).toEqual({ state: 'CLOSED', next: '2026-12-02T08:00:00Z' });
    expect(stateAt(calendar, '2026-12-02T07:59:59Z')).toEqual({ state: 'CLOSED', next: '2026-12-02T08:00:00Z' });
    expect(stateAt(calendar, '2026-12-02T08:00:00Z')).toEqual({ state: 'OPEN', next: undefined });
  });

  it('DEFAULT_CLOSED is OPEN only during its events', () => {
    const calendar = named('release-windows', calendarText('DEFAULT_CLOSED', [['SUMMARY:Release window', 'DTSTART:20261203T140000Z', 'DTEND:20261203T160000Z']]));
    expect(stateAt(calendar, '2026-12-03T13:00:00Z')).toEqual({ state: 'CLOSED', next: '2026-12-03T14:00:00Z' });
    expect(stateAt(calendar, '2026-12-03T15:00:00Z')).toEqual({ state: 'OPEN', next: '2026-12-03T16:00:00Z' });
    expect(stateAt(calendar, '2026-12-03T16:00:00Z')).toEqual({ state: 'CLOSED', next: undefined });
  });

  it('overlapping and touching events make one closed stretch: the transition is at its end', () => {
    const calendar = named(
      'ops',
      calendarText('DEFAULT_OPEN', [
        ['SUMMARY:Database migration', 'DTSTART:20261205T100000Z', 'DTEND:20261205T120000Z'],
        ['SUMMARY:Network maintenance', 'DTSTART:20261205T110000Z', 'DTEND:20261205T140000Z'],
        ['SUMMARY:Storage upgrade', 'DTSTART:20261205T140000Z', 'DTEND:20261205T150000Z'],
        ['SUMMARY:Later', 'DTSTART:20261206T100000Z', 'DTEND:20261206T110000Z'],
      ]),
    );
    expect(stateAt(calendar, '2026-12-05T10:30:00Z')).toEqual({ state: 'CLOSED', next: '2026-12-05T15:00:00Z' });
    const detail = evaluateCalendars([calendar], new Date('2026-12-05T11:30:00Z')).calendars[0]!;
    expect(detail.activeEvents).toEqual(['Database migration', 'Network maintenance', 'Storage upgrade']);
    expect(stateAt(calendar, '2026-12-05T15:00:00Z')).toEqual({ state: 'OPEN', next: '2026-12-06T10:00:00Z' });
  });

  it('a zero-length event changes nothing', () => {
    const calendar = named('ops', calendarText('DEFAULT_OPEN', [['SUMMARY:Reminder', 'DTSTART:20261205T100000Z']]));
    expect(stateAt(calendar, '2026-12-05T10:00:00Z')).toEqual({ state: 'OPEN', next: undefined });
  });

  it('reports no transition beyond the five-year horizon', () => {
    const calendar = named('far', calendarText('DEFAULT_CLOSED', [['SUMMARY:Far away', 'DTSTART:20330101T000000Z', 'DTEND:20330102T000000Z']]));
    expect(stateAt(calendar, '2026-12-01T00:00:00Z')).toEqual({ state: 'CLOSED', next: undefined });
    expect(stateAt(calendar, '2029-01-01T00:00:00Z')).toEqual({ state: 'CLOSED', next: '2033-01-01T00:00:00Z' });
  });
});

describe('recurring events', () => {
  // Fridays 18:00 to Mondays 06:00, Berlin time, every week; the weekend of 13 March is skipped.
  const WEEKEND_FREEZE = calendarText('DEFAULT_OPEN', [
    [
      'SUMMARY:Weekend freeze',
      'DTSTART;TZID=Europe/Berlin:20260306T180000',
      'DTEND;TZID=Europe/Berlin:20260309T060000',
      'RRULE:FREQ=WEEKLY;BYDAY=FR',
      'EXDATE;TZID=Europe/Berlin:20260313T180000',
    ],
  ]);

  it('a weekly freeze closes each weekend, and EXDATE leaves one open', () => {
    const calendar = named('weekends', WEEKEND_FREEZE);
    expect(stateAt(calendar, '2026-03-07T12:00:00Z')).toEqual({ state: 'CLOSED', next: '2026-03-09T05:00:00Z' });
    // The excluded weekend: open, and the next closing is the Friday after.
    expect(stateAt(calendar, '2026-03-14T12:00:00Z')).toEqual({ state: 'OPEN', next: '2026-03-20T17:00:00Z' });
    expect(stateAt(calendar, '2026-03-21T12:00:00Z')).toEqual({ state: 'CLOSED', next: '2026-03-23T05:00:00Z' });
  });

  it('follows Europe/Berlin across the DST change: 18:00 local is 17:00Z before and 16:00Z after', () => {
    const calendar = named('weekends', WEEKEND_FREEZE);
    // Clocks go forward on Sunday 29 March 2026, inside the freeze: it ends at 06:00 CEST = 04:00Z.
    expect(stateAt(calendar, '2026-03-28T12:00:00Z')).toEqual({ state: 'CLOSED', next: '2026-03-30T04:00:00Z' });
    expect(stateAt(calendar, '2026-03-30T04:00:00Z')).toEqual({ state: 'OPEN', next: '2026-04-03T16:00:00Z' });
    // And back on Sunday 25 October: the freeze starting Friday 23 October at 18:00 CEST (16:00Z)
    // ends on Monday at 06:00 CET (05:00Z).
    expect(stateAt(calendar, '2026-10-23T15:00:00Z')).toEqual({ state: 'OPEN', next: '2026-10-23T16:00:00Z' });
    expect(stateAt(calendar, '2026-10-24T00:00:00Z')).toEqual({ state: 'CLOSED', next: '2026-10-26T05:00:00Z' });
  });

  it('a TZID without a VTIMEZONE is read as the IANA zone', () => {
    const calendar = parsed(calendarText('DEFAULT_OPEN', [['SUMMARY:Standup', 'DTSTART;TZID=America/New_York:20261102T090000', 'DTEND;TZID=America/New_York:20261102T093000', 'RRULE:FREQ=DAILY;COUNT=3']]));
    // 1 November 2026 is the end of daylight time in New York: 09:00 EST is 14:00Z.
    expect(occurrencesBetween(calendar, new Date('2026-11-01T00:00:00Z'), new Date('2026-11-10T00:00:00Z')).map((occurrence) => isoSeconds(occurrence.start))).toEqual([
      '2026-11-02T14:00:00Z',
      '2026-11-03T14:00:00Z',
      '2026-11-04T14:00:00Z',
    ]);
  });

  it('UNTIL and COUNT end a series', () => {
    const calendar = named('daily', calendarText('DEFAULT_OPEN', [['SUMMARY:Nightly batch', 'DTSTART:20261201T020000Z', 'DTEND:20261201T040000Z', 'RRULE:FREQ=DAILY;UNTIL=20261203T020000Z']]));
    expect(stateAt(calendar, '2026-12-03T03:00:00Z')).toEqual({ state: 'CLOSED', next: '2026-12-03T04:00:00Z' });
    expect(stateAt(calendar, '2026-12-03T05:00:00Z')).toEqual({ state: 'OPEN', next: undefined });
  });

  it('monthly on the last Friday, as people plan release freezes', () => {
    const calendar = parsed(calendarText('DEFAULT_OPEN', [['SUMMARY:Month-end', 'DTSTART:20260130T000000Z', 'DTEND:20260131T000000Z', 'RRULE:FREQ=MONTHLY;BYDAY=-1FR']]));
    const starts = occurrencesBetween(calendar, new Date('2026-01-01T00:00:00Z'), new Date('2026-05-01T00:00:00Z')).map((occurrence) => isoSeconds(occurrence.start).slice(0, 10));
    expect(starts).toEqual(['2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24']);
  });

  it('an overridden instance moves, and a cancelled one is gone (a Google export)', () => {
    const calendar = parsed(GOOGLE_EXPORT.replace('X-WR-CALNAME', 'X-CALENDAR-TYPE:DEFAULT_OPEN\r\nX-WR-CALNAME'));
    const fridays = occurrencesBetween(calendar, new Date('2026-11-01T00:00:00Z'), new Date('2026-12-10T00:00:00Z')).filter((occurrence) => occurrence.summary.startsWith('Friday'));
    expect(fridays.map((occurrence) => [isoSeconds(occurrence.start), isoSeconds(occurrence.end), occurrence.summary])).toEqual([
      ['2026-11-06T16:00:00Z', '2026-11-06T22:00:00Z', 'Friday evening freeze'],
      // 13 November is an EXDATE; 20 November moved an hour later; 27 November is cancelled.
      ['2026-11-20T17:00:00Z', '2026-11-21T00:00:00Z', 'Friday evening freeze (late release)'],
      ['2026-12-04T16:00:00Z', '2026-12-04T22:00:00Z', 'Friday evening freeze'],
    ]);
  });
});

describe('all-day events', () => {
  const HOLIDAYS = [['SUMMARY:Christmas', 'DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261227'], ['SUMMARY:New Year', 'DTSTART;VALUE=DATE:20270101']];

  it('cover whole days in UTC when the calendar names no zone; a date with no end is one day', () => {
    const calendar = named('holidays', calendarText('DEFAULT_OPEN', HOLIDAYS));
    expect(stateAt(calendar, '2026-12-23T23:59:59Z')).toEqual({ state: 'OPEN', next: '2026-12-24T00:00:00Z' });
    expect(stateAt(calendar, '2026-12-25T12:00:00Z')).toEqual({ state: 'CLOSED', next: '2026-12-27T00:00:00Z' });
    expect(stateAt(calendar, '2027-01-01T12:00:00Z')).toEqual({ state: 'CLOSED', next: '2027-01-02T00:00:00Z' });
  });

  it('cover whole days in the calendar\'s X-WR-TIMEZONE', () => {
    const calendar = named('holidays', calendarText('DEFAULT_OPEN', HOLIDAYS, ['X-WR-TIMEZONE:Europe/Berlin']));
    expect(stateAt(calendar, '2026-12-23T23:30:00Z')).toEqual({ state: 'CLOSED', next: '2026-12-26T23:00:00Z' });
  });
});

describe('several calendars', () => {
  const A = named('a', calendarText('DEFAULT_OPEN', [['SUMMARY:A', 'DTSTART:20261205T100000Z', 'DTEND:20261205T120000Z']]));
  const B = named('b', calendarText('DEFAULT_OPEN', [['SUMMARY:B', 'DTSTART:20261205T110000Z', 'DTEND:20261205T140000Z']]));
  const WINDOWS = named('windows', calendarText('DEFAULT_CLOSED', [['SUMMARY:Window', 'DTSTART:20261205T080000Z', 'DTEND:20261205T180000Z']]));

  it('are OPEN only when all are; the next transition is when the combined state changes', () => {
    expect(stateAt([A, B], '2026-12-05T09:00:00Z')).toEqual({ state: 'OPEN', next: '2026-12-05T10:00:00Z' });
    // A opens at 12:00 but B stays closed until 14:00.
    expect(stateAt([A, B], '2026-12-05T10:30:00Z')).toEqual({ state: 'CLOSED', next: '2026-12-05T14:00:00Z' });
    expect(stateAt([A, WINDOWS], '2026-12-05T07:00:00Z')).toEqual({ state: 'CLOSED', next: '2026-12-05T08:00:00Z' });
    expect(stateAt([A, WINDOWS], '2026-12-05T09:00:00Z')).toEqual({ state: 'OPEN', next: '2026-12-05T10:00:00Z' });
    expect(stateAt([A, WINDOWS], '2026-12-05T12:00:00Z')).toEqual({ state: 'OPEN', next: '2026-12-05T18:00:00Z' });
    expect(stateAt([A, WINDOWS], '2026-12-05T18:00:00Z')).toEqual({ state: 'CLOSED', next: undefined });
  });
});

describe('Outlook exports', () => {
  it('read a Windows time zone name through the file\'s own VTIMEZONE', () => {
    const calendar = parsed(OUTLOOK_EXPORT.replace('METHOD:PUBLISH', 'METHOD:PUBLISH\r\nX-CALENDAR-TYPE:DEFAULT_OPEN'));
    const [event] = calendar.events;
    expect(event).toMatchObject({ summary: 'Quarter-end close', timeZone: 'W. Europe Standard Time' });
    expect(isoSeconds(event!.start)).toBe('2026-12-28T07:00:00Z');
    expect(isoSeconds(event!.end)).toBe('2026-12-31T17:00:00Z');
  });
});

describe('why a calendar is closed', () => {
  it('names the calendar, the time it opens and the event', () => {
    const calendar = named('prod-freeze', calendarText('DEFAULT_OPEN', [FREEZE]));
    const detail = evaluateCalendars([calendar], new Date('2026-12-01T12:00:00Z')).calendars[0]!;
    expect(closedReason(detail)).toBe('change calendar prod-freeze is CLOSED until 2026-12-02T08:00:00Z (event "Holiday freeze")');
  });

  it('says a DEFAULT_CLOSED calendar is closed by default, and which event opens it', () => {
    const calendar = named('windows', calendarText('DEFAULT_CLOSED', [['SUMMARY:Tuesday window', 'DTSTART:20261208T090000Z', 'DTEND:20261208T110000Z']]));
    const detail = evaluateCalendars([calendar], new Date('2026-12-01T12:00:00Z')).calendars[0]!;
    expect(closedReason(detail)).toBe('change calendar windows is CLOSED until 2026-12-08T09:00:00Z (closed by default; the event "Tuesday window" opens it)');
  });

  it('refuses to guess the state of a calendar with no X-CALENDAR-TYPE', () => {
    expect(() => evaluateCalendars([named('untyped', calendarText(undefined, [FREEZE]))], new Date())).toThrow(/has no X-CALENDAR-TYPE/);
  });
});
