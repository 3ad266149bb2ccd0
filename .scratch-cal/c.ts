import { parseCalendar } from '@/server/change-calendar/ics';
import { addEventToText, newCalendarText, removeEventFromText, mergeIcsIntoText } from '@/server/change-calendar/edit';
import { evaluateCalendars, closedReason } from '@/server/change-calendar/state';
import { occurrencesBetween } from '@/server/change-calendar/occurrences';
let text = newCalendarText({ calendarType: 'DEFAULT_OPEN', description: 'prod freeze' });
console.log(text);
const r = addEventToText(text, { summary: 'Friday freeze', start: '2026-03-06T18:00', end: '2026-03-09T06:00', timeZone: 'Europe/Berlin', repeat: 'weekly', repeatUntil: '2026-12-31' }, new Date('2026-01-01T00:00:00Z'));
text = r.text;
const r2 = addEventToText(text, { summary: 'Holiday', start: '2026-12-24', end: '2026-12-26', timeZone: 'UTC', isAllDay: true });
text = r2.text;
console.log(text);
const p = parseCalendar(text);
if (!p.ok) { console.log(p.issues); process.exit(1); }
console.log(p.calendar.events.map(e => [e.id, e.summary, e.start.toISOString(), e.end.toISOString(), e.recurrence, e.timeZone]));
console.log(occurrencesBetween(p.calendar, new Date('2026-03-01T00:00:00Z'), new Date('2026-04-15T00:00:00Z')).map(o => `${o.summary} ${o.start.toISOString()} ${o.end.toISOString()}`));
const s = evaluateCalendars([{ name: 'prod', calendar: p.calendar }], new Date('2026-03-07T00:00:00Z'));
console.log(s, closedReason(s.calendars[0]!));
console.log(removeEventFromText(text, r.uid));
