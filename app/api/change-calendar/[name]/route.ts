import { readJson, withSession } from '@/server/http/route';
import { deleteCalendar, getCalendar, updateCalendar, type UpdateCalendarInput } from '@/server/change-calendar/service';

type Params = { name: string };

/** The calendar: its events as written, its state now, and what the caller may change. */
export const GET = withSession<Params>(async (_req, caller, { name }) => getCalendar(caller, name));

/** Changes the default state, description or all-day time zone. */
export const PATCH = withSession<Params>(async (req, caller, { name }) => updateCalendar(caller, name, (await readJson(req)) as UpdateCalendarInput));

export const DELETE = withSession<Params>(async (_req, caller, { name }) => {
  await deleteCalendar(caller, name);
  return { name };
});
