import { getCalendarState, isCalendarOpen } from '@/server/change-calendar/service';
import type { Caller } from '@/server/identity/caller';

/**
 * Refuses calendar names that name no change calendar, or calendars the caller may not read
 * (GetCalendarState on each): a window guarded by a calendar its owner cannot see is a mistake.
 */
export async function checkCalendarNames(caller: Caller, calendarNames: string[]): Promise<void> {
  if (calendarNames.length > 0) await getCalendarState(caller, { calendarNames });
}

/**
 * Why an occurrence at `at` may not run, in words, or undefined when every calendar it names is
 * OPEN. A calendar that cannot be read counts as CLOSED (the calendar service says so and why):
 * disruptive work never runs because its guard broke.
 */
export async function closedCalendarReason(calendarNames: string[], at: Date): Promise<string | undefined> {
  if (calendarNames.length === 0) return undefined;
  const state = await isCalendarOpen(calendarNames, at);
  if (state.isOpen) return undefined;
  return `Not run: ${state.reason ?? `change calendar ${state.closedBy ?? calendarNames.join(', ')} is CLOSED`}`;
}
