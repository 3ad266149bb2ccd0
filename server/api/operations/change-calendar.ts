import { z } from 'zod';
import { DateTime } from 'luxon';
import { getCalendarState } from '@/server/change-calendar/service';
import { validationError } from '@/server/errors';
import { defineOperation } from '../operation';

/**
 * AtTime is an ISO 8601 string (the CLI passes it through as typed): with Z or an offset, or
 * with neither, when it is read as UTC.
 */
function parseAtTime(text: string): Date {
  const parsed = DateTime.fromISO(text, { zone: 'utc', setZone: true });
  if (!parsed.isValid) throw validationError(`AtTime '${text}' is not an ISO 8601 time like 2026-12-01T02:00:00Z.`);
  return parsed.toJSDate();
}

export const GetCalendarState = defineOperation({
  name: 'GetCalendarState',
  input: z.object({
    CalendarNames: z.array(z.string(), { message: 'CalendarNames is required: the names or ARNs of ChangeCalendar documents' }),
    AtTime: z.string().optional(),
  }),
  run: (input, caller) => getCalendarState(caller, { calendarNames: input.CalendarNames, atTime: input.AtTime === undefined ? undefined : parseAtTime(input.AtTime) }),
});
