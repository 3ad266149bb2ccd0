import { describe, expect, it } from 'vitest';
import { addEventToText, mergeIcsIntoText, newCalendarText, removeEventFromText, setCalendarHeader } from './edit';
import { GOOGLE_EXPORT, OUTLOOK_EXPORT } from './fixtures';
import { parseCalendar, type ParsedCalendar } from './ics';
import { occurrencesBetween } from './occurrences';
import { evaluateCalendars, isoSeconds } from './state';

function read(text: string): ParsedCalendar {
  const parsed = parseCalendar(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.calendar;
}

const NOW = new Date('2026-12-01T06:00:00Z');

describe('new calendars', () => {
  it('are written as AWS writes them: PRODID, VERSION, X-CALENDAR-TYPE, X-WR-CALDESC', () => {
    expect(newCalendarText({ calendarType: 'DEFAULT_CLOSED', description: 'Release windows, Tuesdays' })).toBe(
      'BEGIN:VCALENDAR\r\nPRODID:-//Opsdeck//Change Calendar 1.0//EN\r\nVERSION:2.0\r\nX-CALENDAR-TYPE:DEFAULT_CLOSED\r\nX-WR-CALDESC:Release windows\\, Tuesdays\r\nEND:VCALENDAR\r\n',
    );
  });

  it('change their header and keep their events', () => {
    const { text } = addEventToText(newCalendarText({ calendarType: 'DEFAULT_OPEN' }), { summary: 'Freeze', start: '2026-12-01T08:00', end: '2026-12-02T08:00', timeZone: 'UTC' }, NOW);
    const changed = read(setCalendarHeader(text, { calendarType: 'DEFAULT_CLOSED', description: 'now closed', timeZone: 'Europe/Berlin' }));
    expect({ type: changed.calendarType, description: changed.description, zone: changed.timeZone, events: changed.events.length }).toEqual({ type: 'DEFAULT_CLOSED', description: 'now closed', zone: 'Europe/Berlin', events: 1 });
  });

  it('escape a description so it cannot add lines to the calendar', () => {
    const text = newCalendarText({ calendarType: 'DEFAULT_OPEN', description: 'Freezes\nEND:VCALENDAR\nBEGIN:VEVENT' });
    expect(text).toContain('X-WR-CALDESC:Freezes\\nEND:VCALENDAR\\nBEGIN:VEVENT\r\n');
    expect(read(text)).toMatchObject({ description: 'Freezes\nEND:VCALENDAR\nBEGIN:VEVENT', events: [] });
  });
});

describe('adding events', () => {
  it('a weekly series in a time zone carries its VTIMEZONE and a UTC UNTIL', () => {
    const { text, uid } = addEventToText(
      newCalendarText({ calendarType: 'DEFAULT_OPEN' }),
      { summary: 'Weekend freeze', start: '2026-12-04T18:00', end: '2026-12-07T06:00', timeZone: 'Europe/Berlin', repeat: 'weekly', repeatUntil: '2026-12-31' },
      NOW,
    );
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n');
    expect(text).toContain(`UID:${uid}\r\nDTSTAMP:20261201T060000Z\r\nSUMMARY:Weekend freeze\r\nDTSTART;TZID=Europe/Berlin:20261204T180000\r\nDTEND;TZID=Europe/Berlin:20261207T060000\r\nRRULE:FREQ=WEEKLY;UNTIL=20261231T225959Z\r\n`);
    const starts = occurrencesBetween(read(text), new Date('2026-12-01T00:00:00Z'), new Date('2027-02-01T00:00:00Z')).map((occurrence) => isoSeconds(occurrence.start));
    expect(starts).toEqual(['2026-12-04T17:00:00Z', '2026-12-11T17:00:00Z', '2026-12-18T17:00:00Z', '2026-12-25T17:00:00Z']);
  });

  it('an all-day event ends after its last day, inclusive as people say it', () => {
    const { text } = addEventToText(newCalendarText({ calendarType: 'DEFAULT_OPEN' }), { summary: 'Holidays', start: '2026-12-24', end: '2026-12-26', timeZone: 'UTC', isAllDay: true }, NOW);
    expect(text).toContain('DTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261227\r\n');
    const calendar = read(text);
    expect(evaluateCalendars([{ name: 'h', calendar }], new Date('2026-12-26T23:00:00Z')).state).toBe('CLOSED');
  });

  it('escapes a title so it cannot add lines to the calendar', () => {
    const { text } = addEventToText(newCalendarText({ calendarType: 'DEFAULT_OPEN' }), { summary: 'Freeze; all, teams', start: '2026-12-01T08:00', end: '2026-12-01T09:00', timeZone: 'UTC' }, NOW);
    expect(text).toContain('SUMMARY:Freeze\\; all\\, teams\r\n');
    expect(read(text).events[0]!.summary).toBe('Freeze; all, teams');
  });

  it.each([
    [{ start: '2026-12-01T10:00', end: '2026-12-01T09:00' }, 'end: the event ends before it starts; give an end after the start'],
    [{ start: '2026-02-30T10:00', end: '2026-03-01T09:00' }, 'start: 2026-02-30T10:00 is not a real date and time'],
    [{ start: '2026-12-01', end: '2026-12-02' }, "start: expected a local date and time like 2026-12-24T18:00, not '2026-12-01'"],
    [{ repeat: 'none' as const, repeatUntil: '2027-01-01' }, 'repeatUntil: a one-off event does not repeat; choose daily, weekly or monthly, or leave the end of the series empty'],
    [{ timeZone: 'Mars/Olympus_Mons' }, "timeZone: 'Mars/Olympus_Mons' is not an IANA time zone like Europe/Berlin"],
  ])('refuses %o', (change, message) => {
    const input = { summary: 'Freeze', start: '2026-12-01T08:00', end: '2026-12-01T09:00', timeZone: 'UTC', ...change };
    expect(() => addEventToText(newCalendarText({ calendarType: 'DEFAULT_OPEN' }), input, NOW)).toThrow(message);
  });
});

describe('removing events', () => {
  it('removes a series with its overrides, and nothing else', () => {
    const calendar = GOOGLE_EXPORT.replace('X-WR-CALNAME', 'X-CALENDAR-TYPE:DEFAULT_OPEN\r\nX-WR-CALNAME');
    const left = read(removeEventFromText(calendar, '7k2p4r6t8v0x1z3b5d7f9h@google.com'));
    expect(left.events.map((event) => event.summary)).toEqual(['Holiday freeze']);
    expect(left.component.getAllSubcomponents('vevent')).toHaveLength(1);
  });

  it('says so when the event is already gone', () => {
    expect(() => removeEventFromText(newCalendarText({ calendarType: 'DEFAULT_OPEN' }), 'gone@opsdeck')).toThrow('The calendar has no event with the id gone@opsdeck');
  });
});

describe('importing .ics files', () => {
  const target = () => addEventToText(newCalendarText({ calendarType: 'DEFAULT_OPEN' }), { summary: 'Own event', start: '2026-12-01T08:00', end: '2026-12-01T09:00', timeZone: 'UTC' }, NOW).text;

  it('merges a Google export: events, the VTIMEZONE they use and the file\'s zone; reminders and attendees left out', () => {
    const result = mergeIcsIntoText(target(), GOOGLE_EXPORT);
    expect({ added: result.added, replaced: result.replaced }).toEqual({ added: 2, replaced: 0 });
    const merged = read(result.text);
    expect(merged.calendarType).toBe('DEFAULT_OPEN');
    expect(merged.timeZone).toBe('Europe/Berlin');
    expect(merged.events.map((event) => event.summary)).toEqual(['Own event', 'Holiday freeze', 'Friday evening freeze']);
    expect(result.text).not.toContain('BEGIN:VALARM');
    expect(result.text).not.toContain('ATTENDEE');
    expect(merged.component.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(['Europe/Berlin']);
    // The moved instance came along with its series.
    const late = occurrencesBetween(merged, new Date('2026-11-20T00:00:00Z'), new Date('2026-11-21T00:00:00Z'));
    expect(late.map((occurrence) => occurrence.summary)).toEqual(['Friday evening freeze (late release)']);
  });

  it('importing the same file again updates its events instead of doubling them', () => {
    const once = mergeIcsIntoText(target(), GOOGLE_EXPORT).text;
    const again = mergeIcsIntoText(once, GOOGLE_EXPORT.replace('SUMMARY:Holiday freeze', 'SUMMARY:Holiday freeze (extended)'));
    expect({ added: again.added, replaced: again.replaced }).toEqual({ added: 0, replaced: 2 });
    expect(read(again.text).events.map((event) => event.summary)).toEqual(['Own event', 'Holiday freeze (extended)', 'Friday evening freeze']);
  });

  it('merges an Outlook export with its Windows-named time zone', () => {
    const merged = read(mergeIcsIntoText(target(), OUTLOOK_EXPORT).text);
    const quarterEnd = merged.events.find((event) => event.summary === 'Quarter-end close')!;
    expect(isoSeconds(quarterEnd.start)).toBe('2026-12-28T07:00:00Z');
  });

  it('refuses a file that is not iCalendar, saying where', () => {
    expect(() => mergeIcsIntoText(target(), 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2026\nEND:VEVENT\nEND:VCALENDAR\n')).toThrow(
      'The .ics file is not valid iCalendar: line 3, column 9: DTSTART: 2026 is not a date-time like 20261224T090000 (local) or 20261224T080000Z (UTC)',
    );
    expect(() => mergeIcsIntoText(target(), 'BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n')).toThrow('The .ics file has no events (VEVENT) to import.');
  });
});
