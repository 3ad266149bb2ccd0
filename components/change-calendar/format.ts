import { dayIn } from './month-layout';

const WEEKDAYS: Record<string, string> = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' };
const FREQUENCIES: Record<string, string> = { HOURLY: 'Hourly', DAILY: 'Daily', WEEKLY: 'Weekly', MONTHLY: 'Monthly', YEARLY: 'Yearly' };

/** `FREQ=WEEKLY;BYDAY=FR;UNTIL=20261231T225959Z` → "Weekly on Friday, until 31 Dec 2026". */
export function describeRecurrence(rule: string | undefined): string {
  if (!rule) return 'Does not repeat';
  const parts = new Map(rule.split(';').map((part) => part.split('=') as [string, string]));
  const interval = Number(parts.get('INTERVAL') ?? 1);
  const frequency = parts.get('FREQ') ?? '';
  let text = interval > 1 ? `Every ${interval} ${frequency.toLowerCase().replace(/ly$/, '').replace(/dai$/, 'day')}s` : (FREQUENCIES[frequency] ?? frequency);
  const days = parts.get('BYDAY');
  if (days) text += ` on ${days.split(',').map((day) => { const name = WEEKDAYS[day.slice(-2)] ?? day; const nth = day.slice(0, -2); return nth ? `${nth === '-1' ? 'the last' : `the ${nth}.`} ${name}` : name; }).join(', ')}`;
  const until = parts.get('UNTIL');
  if (until) text += `, until ${new Date(`${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}T12:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'medium' })}`;
  const count = parts.get('COUNT');
  if (count) text += `, ${count} times`;
  return text;
}

const timeFormat = (timeZone?: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
const dayFormat = (timeZone?: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone });

/** "24 Dec 2026 – 26 Dec 2026" for all-day events (last day inclusive), times for the others. */
export function describeSpan(start: string, end: string, isAllDay: boolean, calendarZone: string, timeZone?: string): string {
  if (isAllDay) {
    const first = dayFormat(calendarZone).format(new Date(start));
    const last = dayFormat(calendarZone).format(new Date(new Date(end).getTime() - 1));
    return first === last ? `${first}, all day` : `${first} – ${last}, all day`;
  }
  const zone = timeZone && timeZone !== 'UTC' ? timeZone : 'UTC';
  const sameDay = dayIn(new Date(start), zone) === dayIn(new Date(end), zone);
  const endText = sameDay ? new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: zone }).format(new Date(end)) : timeFormat(zone).format(new Date(end));
  return `${timeFormat(zone).format(new Date(start))} – ${endText} (${zone})`;
}

/** A transition time with how far off it is: "2 Dec 2026, 08:00 (in 23 hours)". */
export function describeTransition(iso: string | undefined, now = Date.now()): string {
  if (!iso) return 'None in the next 5 years';
  const ms = new Date(iso).getTime() - now;
  const minutes = Math.round(ms / 60_000);
  const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const phrase = Math.abs(minutes) < 60 ? relative.format(minutes, 'minute') : Math.abs(minutes) < 48 * 60 ? relative.format(Math.round(minutes / 60), 'hour') : relative.format(Math.round(minutes / 1440), 'day');
  return `${timeFormat().format(new Date(iso))} (${phrase})`;
}

/** The viewer's IANA zone, e.g. Europe/Berlin. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone the browser knows, for the time zone pickers. */
export function timeZoneNames(): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...supported.filter((zone) => zone !== 'UTC')];
}
