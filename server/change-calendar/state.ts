/**
 * Whether change is allowed at an instant. A DEFAULT_OPEN calendar is CLOSED during its events; a
 * DEFAULT_CLOSED one is OPEN during them. Several calendars together are OPEN only when all are
 * (AWS's GetCalendarState rule), and the next transition is when that combined state changes.
 */
import { OpsdeckError } from '@/server/errors';
import type { CalendarType, ParsedCalendar } from './ics';
import { occurrencesBetween, type Occurrence } from './occurrences';

export type CalendarState = 'OPEN' | 'CLOSED';

/** How far ahead a next transition is looked for; beyond it, none is reported. */
export const TRANSITION_HORIZON_DAYS = 5 * 366;
const DAY_MS = 86_400_000;

export interface NamedCalendar {
  name: string;
  calendar: ParsedCalendar;
}

interface Interval {
  start: number;
  end: number;
  /** The events making it up, by summary. */
  summaries: string[];
}

export interface CalendarStateDetail {
  name: string;
  calendarType: CalendarType;
  state: CalendarState;
  nextTransitionTime?: Date;
  /** The events in force at the instant (closing a DEFAULT_OPEN calendar, opening a DEFAULT_CLOSED one). */
  activeEvents: string[];
  /** The event that brings the next transition, when one starts it. */
  nextEvent?: string;
}

export interface CombinedState {
  state: CalendarState;
  atTime: Date;
  nextTransitionTime?: Date;
  calendars: CalendarStateDetail[];
}

/** Merges overlapping and touching intervals: one closed stretch, however many events make it. */
function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) {
      last.end = Math.max(last.end, interval.end);
      for (const summary of interval.summaries) if (!last.summaries.includes(summary)) last.summaries.push(summary);
    } else {
      merged.push({ ...interval, summaries: [...interval.summaries] });
    }
  }
  return merged;
}

/** The gaps between intervals within [from, to). */
function complement(intervals: Interval[], from: number, to: number): Interval[] {
  const gaps: Interval[] = [];
  let cursor = from;
  for (const interval of intervals) {
    if (interval.start > cursor) gaps.push({ start: cursor, end: interval.start, summaries: [] });
    cursor = Math.max(cursor, interval.end);
  }
  if (cursor < to) gaps.push({ start: cursor, end: to, summaries: [] });
  return gaps;
}

function eventIntervals(occurrences: Occurrence[], from: number, to: number): Interval[] {
  return merge(occurrences.map((occurrence) => ({ start: Math.max(from, occurrence.start.getTime()), end: Math.min(to, occurrence.end.getTime()), summaries: [occurrence.summary] })));
}

function calendarTypeOf({ name, calendar }: NamedCalendar): CalendarType {
  if (!calendar.calendarType) {
    throw new OpsdeckError('UnsupportedCalendarException', `The calendar ${name} has no X-CALENDAR-TYPE; add X-CALENDAR-TYPE:DEFAULT_OPEN or X-CALENDAR-TYPE:DEFAULT_CLOSED to its VCALENDAR.`);
  }
  return calendar.calendarType;
}

/** One calendar: its state at `at`, the next change, and the intervals when it is CLOSED. */
function evaluateOne(named: NamedCalendar, at: number, horizon: number): { detail: CalendarStateDetail; closed: Interval[] } {
  const calendarType = calendarTypeOf(named);
  const events = eventIntervals(occurrencesBetween(named.calendar, new Date(at), new Date(horizon)), at, horizon);
  const current = events[0] && events[0].start <= at ? events[0] : undefined;
  const upcoming = current ? undefined : events[0];
  const flipped: CalendarState = calendarType === 'DEFAULT_OPEN' ? 'CLOSED' : 'OPEN';
  const state: CalendarState = current ? flipped : calendarType === 'DEFAULT_OPEN' ? 'OPEN' : 'CLOSED';
  const next = current ? (current.end < horizon ? current.end : undefined) : upcoming?.start;
  return {
    detail: {
      name: named.name,
      calendarType,
      state,
      nextTransitionTime: next === undefined ? undefined : new Date(next),
      activeEvents: current?.summaries ?? [],
      nextEvent: upcoming?.summaries[0],
    },
    closed: calendarType === 'DEFAULT_OPEN' ? events : complement(events, at, horizon),
  };
}

/** The state of one or more calendars at an instant, with when it next changes (within the horizon). */
export function evaluateCalendars(calendars: NamedCalendar[], atTime: Date, horizonDays = TRANSITION_HORIZON_DAYS): CombinedState {
  const at = atTime.getTime();
  const horizon = at + horizonDays * DAY_MS;
  const evaluated = calendars.map((calendar) => evaluateOne(calendar, at, horizon));
  const closed = merge(evaluated.flatMap((one) => one.closed));
  const first = closed[0];
  const isClosed = first !== undefined && first.start <= at;
  const next = isClosed ? (first.end < horizon ? first.end : undefined) : first?.start;
  return {
    state: isClosed ? 'CLOSED' : 'OPEN',
    atTime,
    nextTransitionTime: next === undefined ? undefined : new Date(next),
    calendars: evaluated.map((one) => one.detail),
  };
}

/** `2026-12-02T08:00:00Z`: AWS's ISO 8601 form, to the second. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Why a CLOSED calendar blocks work, in words a run history can show. */
export function closedReason(detail: CalendarStateDetail, horizonDays = TRANSITION_HORIZON_DAYS): string {
  const until = detail.nextTransitionTime ? ` until ${isoSeconds(detail.nextTransitionTime)}` : '';
  const years = Math.round(horizonDays / 366);
  if (detail.calendarType === 'DEFAULT_OPEN') {
    const events = detail.activeEvents.map((summary) => `"${summary}"`).join(', ');
    const plural = detail.activeEvents.length === 1 ? 'event' : 'events';
    return `change calendar ${detail.name} is CLOSED${until || ` for at least the next ${years} years`} (${plural} ${events})`;
  }
  if (detail.nextEvent) return `change calendar ${detail.name} is CLOSED${until} (closed by default; the event "${detail.nextEvent}" opens it)`;
  return `change calendar ${detail.name} is CLOSED (closed by default, and no event opens it in the next ${years} years)`;
}
