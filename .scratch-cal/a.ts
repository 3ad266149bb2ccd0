import ICAL from 'ical.js';
import { tzlib_get_ical_block } from 'timezones-ical-library';
const block = tzlib_get_ical_block('Europe/Berlin') as string[];
const tz = new ICAL.Timezone(ICAL.Component.fromString(block[0]!));
console.log('tzid', tz.tzid);
ICAL.TimezoneService.register(tz, 'Europe/Berlin');
const text = `BEGIN:VCALENDAR
VERSION:2.0
X-CALENDAR-TYPE:DEFAULT_OPEN
BEGIN:VEVENT
UID:a
SUMMARY:Weekly freeze\\, Fridays
DTSTART;TZID=Europe/Berlin:20260306T180000
DTEND;TZID=Europe/Berlin:20260309T060000
RRULE:FREQ=WEEKLY;BYDAY=FR
EXDATE;TZID=Europe/Berlin:20260320T180000
END:VEVENT
BEGIN:VEVENT
UID:b
DTSTART;VALUE=DATE:20261224
SUMMARY:Xmas
END:VEVENT
BEGIN:VEVENT
UID:c
DTSTART:20261224
DTEND:20261226
SUMMARY:Xmas2
END:VEVENT
END:VCALENDAR`;
const comp = new ICAL.Component(ICAL.parse(text));
for (const ve of comp.getAllSubcomponents('vevent')) {
  const ev = new ICAL.Event(ve);
  console.log(ev.summary, ev.startDate.toString(), ev.startDate.zone?.tzid, ev.endDate.toString(), ev.isRecurring());
  if (ev.isRecurring()) {
    const it = ev.iterator();
    for (let i = 0; i < 6; i++) { const n = it.next(); if (!n) break; const d = ev.getOccurrenceDetails(n); console.log('  ', n.toString(), new Date(d.startDate.toUnixTime()*1000).toISOString(), new Date(d.endDate.toUnixTime()*1000).toISOString()); }
  }
}
console.log(comp.toString());
try { ICAL.parse('BEGIN:VCALENDAR\nfoo\nEND:VCALENDAR'); } catch (e) { console.log('ERR', (e as Error).message); }
try { console.log(ICAL.Recur.fromString('FREQ=WEEKLY;BYDAY=XX').toString()); } catch (e) { console.log('ERR', (e as Error).message); }
try { console.log(ICAL.Recur.fromString('BYDAY=MO').toString()); } catch (e) { console.log('ERR', (e as Error).message); }
try { console.log(ICAL.Recur.fromString('FREQ=WEEKLY;FOO=1').toString()); } catch (e) { console.log('ERR', (e as Error).message); }
