import { DateTime } from 'luxon';
import type { MaintenanceWindowRow } from '@/db/schema';
import { describeSchedule, parseSchedule, type Schedule } from '@/server/schedules/expressions';

const HOUR = 3_600_000;

type ScheduledWindow = Pick<MaintenanceWindowRow, 'schedule' | 'scheduleTimezone' | 'scheduleOffset' | 'startDate' | 'endDate' | 'isEnabled' | 'createdAt'>;

export function windowSchedule(window: ScheduledWindow): Schedule {
  return parseSchedule(window.schedule, { timezone: window.scheduleTimezone ?? 'UTC', scheduleOffsetDays: window.scheduleOffset ?? undefined });
}

export function scheduleInWords(window: ScheduledWindow): string {
  try {
    return describeSchedule(windowSchedule(window));
  } catch {
    return window.schedule;
  }
}

/**
 * The window's next `count` occurrences strictly after `after`: none while it is disabled, none
 * before StartDate, none after EndDate. A rate schedule counts from StartDate, or from when the
 * window was created.
 */
export function upcomingOccurrences(window: ScheduledWindow, after: Date, count: number): Date[] {
  if (!window.isEnabled || count <= 0) return [];
  const from = window.startDate && window.startDate > after ? new Date(window.startDate.getTime() - 1) : after;
  const occurrences = windowSchedule(window).nextOccurrences(from, count, window.startDate ?? window.createdAt);
  return occurrences.filter((at) => !window.endDate || at <= window.endDate);
}

/** When an occurrence's window closes to new tasks, and when it ends. */
export function windowBounds(window: Pick<MaintenanceWindowRow, 'duration' | 'cutoff'>, at: Date): { cutoffAt: Date; endsAt: Date } {
  return { cutoffAt: new Date(at.getTime() + (window.duration - window.cutoff) * HOUR), endsAt: new Date(at.getTime() + window.duration * HOUR) };
}

/** AWS writes NextExecutionTime and ExecutionTime as ISO 8601 in the window's time zone. */
export function formatInZone(at: Date, timezone: string | null): string {
  return DateTime.fromJSDate(at).setZone(timezone ?? 'UTC').toISO({ suppressMilliseconds: true }) ?? at.toISOString();
}
