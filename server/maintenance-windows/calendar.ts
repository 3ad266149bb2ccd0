import { OpsdeckError } from '@/server/errors';

type CalendarState = { isOpen: boolean; closedBy?: string; reason?: string };

// TODO(change-calendar): import { isCalendarOpen } from '@/server/change-calendar/...' once it lands.
async function isCalendarOpen(calendarNames: string[], _at?: Date): Promise<CalendarState> {
  if (calendarNames.length === 0) return { isOpen: true };
  throw new OpsdeckError('FeatureNotAvailableException', 'Change Calendar is not available in this Opsdeck yet: leave CalendarNames empty');
}

/** Refuses calendar names that do not name a change calendar (the calendar service says which). */
export async function checkCalendarNames(calendarNames: string[]): Promise<void> {
  if (calendarNames.length > 0) await isCalendarOpen(calendarNames);
}

/** Why an occurrence at `at` may not run, in words, or undefined when every calendar is OPEN. */
export async function closedCalendarReason(calendarNames: string[], at: Date): Promise<string | undefined> {
  if (calendarNames.length === 0) return undefined;
  try {
    const state = await isCalendarOpen(calendarNames, at);
    if (state.isOpen) return undefined;
    return `Change calendar ${state.closedBy ?? calendarNames.join(', ')} is CLOSED${state.reason ? `: ${state.reason}` : ''}`;
  } catch (error) {
    // A calendar that cannot be read (deleted since) must not let disruptive work through.
    return `Change calendar state could not be read, so the window did not run: ${(error as Error).message}`;
  }
}
