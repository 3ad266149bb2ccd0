import { isCalendarOpen } from '@/server/change-calendar/service';

/** Whether the association may run now: every change calendar it names must be OPEN. */
export async function calendarGate(calendarNames: string[], at = new Date()): Promise<{ isOpen: boolean; reason: string | null }> {
  if (calendarNames.length === 0) return { isOpen: true, reason: null };
  const state = await isCalendarOpen(calendarNames, at);
  return { isOpen: state.isOpen, reason: state.isOpen ? null : (state.reason ?? `change calendar ${state.closedBy ?? calendarNames.join(', ')} is CLOSED`) };
}
