import { OpsdeckError } from '@/server/errors';
import { instantOf, type CalendarEvent, type ParsedCalendar } from './ics';

export interface Occurrence {
  eventId: string;
  summary: string;
  start: Date;
  end: Date;
  isAllDay: boolean;
  isRecurring: boolean;
}

/**
 * ical.js walks a series from its first occurrence; this bounds the walk so that an hourly rule
 * begun years ago cannot hold a request (or a scheduler) for seconds. Hourly for ten years is
 * about 88,000 occurrences.
 */
export const MAX_OCCURRENCES_WALKED = 100_000;
/** How far a RECURRENCE-ID override may move an occurrence and still be found near a window. */
const OVERRIDE_SLACK_MS = 31 * 86_400_000;

function isCancelled(event: CalendarEvent['event'] | undefined): boolean {
  return String(event?.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
}

/** The occurrences of one event that overlap [from, to), in order. */
function eventOccurrences(event: CalendarEvent, calendarZone: string, from: Date, to: Date): Occurrence[] {
  const base = { eventId: event.id, summary: event.summary, isAllDay: event.isAllDay, isRecurring: event.isRecurring };
  const overlaps = (start: Date, end: Date) => end.getTime() > from.getTime() && start.getTime() < to.getTime() && end.getTime() > start.getTime();
  if (!event.isRecurring) {
    return overlaps(event.start, event.end) && !isCancelled(event.event) ? [{ ...base, start: event.start, end: event.end }] : [];
  }
  const hasOverrides = Object.keys(event.event.exceptions).length > 0;
  const stopAt = to.getTime() + (hasOverrides ? OVERRIDE_SLACK_MS : 0);
  const found: Occurrence[] = [];
  const iterator = event.event.iterator();
  for (let walked = 1; ; walked++) {
    const next = iterator.next();
    if (!next) break;
    if (walked > MAX_OCCURRENCES_WALKED) {
      throw new OpsdeckError(
        'UnsupportedCalendarException',
        `The event "${event.summary}" repeats more than ${MAX_OCCURRENCES_WALKED.toLocaleString('en')} times before ${to.toISOString()}; start the series later or repeat it less often.`,
      );
    }
    if (instantOf(next, calendarZone).getTime() >= stopAt) break;
    const details = event.event.getOccurrenceDetails(next);
    if (isCancelled(details.item)) continue;
    const start = instantOf(details.startDate, calendarZone);
    const end = instantOf(details.endDate, calendarZone);
    if (overlaps(start, end)) found.push({ ...base, summary: details.item?.summary || event.summary, start, end });
  }
  return found.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Every occurrence of every event of the calendar overlapping [from, to), by start time. */
export function occurrencesBetween(calendar: ParsedCalendar, from: Date, to: Date): Occurrence[] {
  return calendar.events
    .flatMap((event) => eventOccurrences(event, calendar.timeZone, from, to))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime());
}
