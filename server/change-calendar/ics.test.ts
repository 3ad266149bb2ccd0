import { describe, expect, it } from 'vitest';
import { formatIssue } from '@/server/documents/content';
import { validateDocument } from '@/server/documents/validate';
import { calendarText, GOOGLE_EXPORT, OUTLOOK_EXPORT } from './fixtures';
import { parseCalendar } from './ics';

/** What CreateDocument / UpdateDocument say about a ChangeCalendar's content. */
function issuesOf(content: string): string[] {
  const checked = validateDocument('ChangeCalendar', 'TEXT', content);
  return checked.ok ? [] : checked.issues.map(formatIssue);
}

const AWS_CONSOLE_CALENDAR =
  'BEGIN:VCALENDAR\r\nPRODID:-//AWS//Change Calendar 1.0//EN\r\nVERSION:2.0\r\nX-CALENDAR-TYPE:DEFAULT_OPEN\r\nX-WR-CALDESC:test\r\nBEGIN:VTODO\r\nDTSTAMP:20200320T004207Z\r\nUID:3b5af39a-d0b3-4049-a839-d7bb8af01f92\r\nSUMMARY:Add events to this calendar.\r\nEND:VTODO\r\nEND:VCALENDAR\r\n';

describe('valid calendars', () => {
  it('accepts the calendar AWS\'s console creates, with its VTODO placeholder', () => {
    expect(issuesOf(AWS_CONSOLE_CALENDAR)).toEqual([]);
    const parsed = parseCalendar(AWS_CONSOLE_CALENDAR);
    expect(parsed.ok && { type: parsed.calendar.calendarType, description: parsed.calendar.description, events: parsed.calendar.events.length }).toEqual({ type: 'DEFAULT_OPEN', description: 'test', events: 0 });
  });

  it('accepts Google Calendar and Outlook exports (LF or CRLF, folded lines, quoted TZIDs)', () => {
    expect(issuesOf(GOOGLE_EXPORT)).toEqual([]);
    expect(issuesOf(GOOGLE_EXPORT.replace(/\r\n/g, '\n'))).toEqual([]);
    expect(issuesOf(OUTLOOK_EXPORT)).toEqual([]);
  });

  it('reads events: a series with its overrides is one event', () => {
    const parsed = parseCalendar(GOOGLE_EXPORT);
    if (!parsed.ok) throw new Error('expected a valid calendar');
    expect(parsed.calendar.timeZone).toBe('Europe/Berlin');
    expect(parsed.calendar.calendarType).toBeUndefined();
    expect(parsed.calendar.events.map(({ id, summary, isAllDay, isRecurring, recurrence, timeZone, line }) => ({ id, summary, isAllDay, isRecurring, recurrence, timeZone, line }))).toEqual([
      { id: '4m1q2b9v3c0s8f7d6e5a4@google.com', summary: 'Holiday freeze', isAllDay: true, isRecurring: false, recurrence: undefined, timeZone: undefined, line: 26 },
      { id: '7k2p4r6t8v0x1z3b5d7f9h@google.com', summary: 'Friday evening freeze', isAllDay: false, isRecurring: true, recurrence: 'FREQ=WEEKLY;BYDAY=FR', timeZone: 'Europe/Berlin', line: 44 },
    ]);
  });
});

describe('problems are reported at their line', () => {
  const CASES: { title: string; content: string; issues: string[] }[] = [
    {
      title: 'a line that is not NAME:value',
      content: calendarText('DEFAULT_OPEN', [['SUMMARY:Freeze', 'DTSTART:20261201T080000Z', 'this is not ical']]),
      issues: ['line 10, column 1: expected an iCalendar line like NAME:value, not "this is not ical"'],
    },
    {
      title: 'a calendar type AWS does not have',
      content: calendarText('DEFAULT_MAYBE', []),
      issues: ["line 4, column 17: X-CALENDAR-TYPE: 'DEFAULT_MAYBE' is not a calendar type; use DEFAULT_OPEN (events close it) or DEFAULT_CLOSED (events open it)"],
    },
    {
      title: 'an event that is never closed',
      content: 'BEGIN:VCALENDAR\r\nX-CALENDAR-TYPE:DEFAULT_OPEN\r\nBEGIN:VEVENT\r\nDTSTART:20261201T080000Z\r\nEND:VCALENDAR\r\n',
      issues: ['line 5, column 1: END:VCALENDAR does not match BEGIN:VEVENT on line 3'],
    },
    {
      title: 'an END with no BEGIN',
      content: 'BEGIN:VCALENDAR\r\nX-CALENDAR-TYPE:DEFAULT_OPEN\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      issues: ['line 3, column 1: END:VEVENT does not match BEGIN:VCALENDAR on line 1'],
    },
    {
      title: 'an event with no start',
      content: calendarText('DEFAULT_OPEN', [['SUMMARY:Freeze']]),
      issues: ['line 5, column 1: a VEVENT needs a DTSTART: when the event begins'],
    },
    {
      title: 'a month that does not exist',
      content: calendarText('DEFAULT_OPEN', [['SUMMARY:Freeze', 'DTSTART:20261301T080000Z']]),
      issues: ['line 9, column 9: DTSTART: 20261301T080000Z: month 13 does not exist'],
    },
    {
      title: 'the 31st of a 30-day month',
      content: calendarText('DEFAULT_OPEN', [['SUMMARY:Freeze', 'DTSTART;VALUE=DATE:20261131']]),
      issues: ['line 9, column 20: DTSTART: 20261131: 2026-11 has no day 31'],
    },
    {
      title: 'a date written as a date-time',
      content: calendarText('DEFAULT_OPEN', [['SUMMARY:Freeze', 'DTSTART:20261224']]),
      issues: ['line 9, column 9: DTSTART: 20261224 is a date: write it with VALUE=DATE (e.g. DTSTART;VALUE=DATE:20261224) or give a time (20261224T090000)'],
    },
    {
      title: 'an unknown time zone',
      content: calendarText('DEFAULT_OPEN', [['SUMMARY:Freeze', 'DTSTART;TZID=Mars/Olympus_Mons:20261201T080000']]),
      issues: ['line 9, column 1: DTSTART: TZID=Mars/Olympus_Mons is not defined by a VTIMEZONE in this calendar and is not an IANA time zone like Europe/Berlin'],
    },
    {
      title: 'an every-minute rule',
      content: calendarText('DEFAULT_OPEN', [['SUMMARY:Freeze', 'DTSTART:20261201T080000Z', 'RRULE:FREQ=MINUTELY']]),
      issues: ['line 10, column 7: RRULE: FREQ=MINUTELY is not supported; Change Calendar events repeat at most hourly'],
    },
    {
      title: 'a rule with a bad weekday and both UNTIL and COUNT',
      content: calendarText('DEFAULT_OPEN', [['SUMMARY:Freeze', 'DTSTART:20261201T080000Z', 'RRULE:FREQ=WEEKLY;BYDAY=FX;COUNT=3;UNTIL=20270101T000000Z']]),
      issues: ['line 10, column 7: RRULE: UNTIL and COUNT cannot both be given', 'line 10, column 7: RRULE: BYDAY FX is not a weekday like MO, FR or -1SU'],
    },
    {
      title: 'both DTEND and DURATION',
      content: calendarText('DEFAULT_OPEN', [['SUMMARY:Freeze', 'DTSTART:20261201T080000Z', 'DTEND:20261201T100000Z', 'DURATION:PT2H']]),
      issues: ['line 11, column 1: DURATION: an event has DTEND or DURATION, not both'],
    },
    {
      title: 'an end before the start',
      content: calendarText('DEFAULT_OPEN', [['SUMMARY:Backwards', 'DTSTART:20261201T100000Z', 'DTEND:20261201T080000Z']]),
      issues: ['line 5, column 1: the event "Backwards" ends (2026-12-01T08:00:00.000Z) before it starts (2026-12-01T10:00:00.000Z)'],
    },
    {
      title: 'a second calendar after the first',
      content: `${calendarText('DEFAULT_OPEN', [])}BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n`,
      issues: ['line 6, column 1: a ChangeCalendar document holds one VCALENDAR; this BEGIN:VCALENDAR comes after its END:VCALENDAR'],
    },
  ];

  it.each(CASES)('$title', ({ content, issues }) => {
    expect(issuesOf(content)).toEqual(issues);
  });

  it('keeps the envelope messages for text that is not a calendar at all', () => {
    expect(issuesOf('BEGIN:VEVENT\nEND:VEVENT\n')).toEqual([
      'line 1, column 1: a ChangeCalendar document is iCalendar text beginning with BEGIN:VCALENDAR',
      'line 2, column 1: a ChangeCalendar document is iCalendar text ending with END:VCALENDAR',
    ]);
  });

  it('places a problem in a folded line at the line where it begins', () => {
    const content = calendarText('DEFAULT_OPEN', [['SUMMARY:A long title that an exporter', ' folded onto the next line', 'DTSTART:20261232T080000Z']]);
    expect(issuesOf(content)).toEqual(['line 10, column 9: DTSTART: 20261232T080000Z: 2026-12 has no day 32']);
  });
});
