import { readJson, withSession } from '@/server/http/route';
import { createCalendar, listCalendars, type CreateCalendarInput } from '@/server/change-calendar/service';

/** Every calendar with its state now. */
export const GET = withSession(async (_req, caller) => listCalendars(caller));

/** A new calendar: a ChangeCalendar document with no events yet. */
export const POST = withSession(async (req, caller) => createCalendar(caller, (await readJson(req)) as CreateCalendarInput));
